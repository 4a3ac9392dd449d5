from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 3

@test_case(points=0, hidden=False, 
    success_message="checks passed: a sign for each sentence. Hidden tests score them after hand-in.")
def test_three_signs(q3_signs):
    assert isinstance(q3_signs, dict) and set(q3_signs) == set('ABC'), 'Keep the dictionary with the keys A, B and C.'
    blank = sorted((k for k, v in q3_signs.items() if v is ... or v is None))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    odd = sorted((k for k, v in q3_signs.items() if isinstance(v, bool) or v not in (-1, 0, 1)))
    assert not odd, f"Give 1, -1 or 0 (a number, no quotes) for: {', '.join(odd)}."

