from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: one of the letters. A hidden test scores it after hand-in.")
def test_one_letter(q3_e_not_f):
    from helpers.answers import expect_option
    expect_option(q3_e_not_f, 'abcd')

