"""How much a shared HS code counts: the scorer (recommend.py) and the reasons it gives
(reasons.py) both read these, so neither imports the other for them."""

SAME6 = 1.0  # same subheading (6 digits)
SAME4 = 0.7  # same heading, different subheadings
SAME4_OPEN = 0.85  # same heading, one side names no subheading
SAME2 = 0.35  # same chapter
LINK = 0.6  # an input-output link between the need's and the offer's codes
