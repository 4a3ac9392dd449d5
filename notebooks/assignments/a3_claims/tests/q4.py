from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: one of the letters. A hidden test scores it after hand-in.")
def test_one_letter(q4_witnesses):
    from helpers.answers import expect_option
    expect_option(q4_witnesses, 'abcd')

