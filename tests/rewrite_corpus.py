"""Drafts in several registers for the rewrite tests: formal letters, hard-wrapped and
casual emails, templates, and one-line call lines. Written for these tests (issue 9)."""

FORMAL_LETTERS = [
    """Harbour Dental Care
17 Esquire Lane
Baltimore, MD 21209

12 June 2024

RE: Your care at Harbour Dental Care

Dear Mr. Pembroke,

You missed appointments on 3 March, 17 April and 9 May without notice, and frankly your
attitude toward our front desk has been appalling. Your account also shows an outstanding
balance of $486.20 from invoice 20417, now 97 days past due.

As of 12 July 2024 we will no longer be able to provide you with dental care. Please
settle the outstanding balance by that date.

Sincerely,

Dr. Leonard Smith, DDS
Harbour Dental Care | (410) 555-0199
""",
    """Northgate Accounting LLP
Ref: NA/2291

Dear Ms Adeyemi,

We write further to our meeting of 4 September. Since January you have asked us on six
occasions to backdate invoices, which we cannot do. You clearly think the rules do not apply
to you.

Our engagement will end on 31 October 2024, and we cannot recommend another firm.

Yours sincerely,
Helen Marsh
Partner
""",
]

HARD_WRAPPED = [
    """Subject: Ending our support contract

Hello Mr Brandt,

Thank you for choosing Kestrel IT for the last three years. Between 2 February and 28
June your team opened 41 tickets outside the scope of the support agreement (clause 4.2),
and honestly no other provider would put up with the way your office manager speaks to our
engineers. We have decided not to renew the contract when it ends on 30 September.

Kind regards,
Priya Shah
Kestrel IT Services Ltd
+44 20 7946 0958
""",
]

CASUAL_EMAILS = [
    """Hi Dana,

You've complained after each of the last five deliveries, and you always find something to
moan about. I don't think we're the right fit any more, so I'll stop the weekly order after
Friday's delivery.

Cheers,
Tom
""",
    """Hey Marco,

Just letting you know I'm wrapping up the website project this month. You've been great to
work with and I'm sorry I can't keep going. I'll hand over all the files and logins at no
charge, and Ella Brooks at Brightline Studio can pick things up from here.

Thanks,
Sam
""",
    """Hi Jo,

Thanks for the last two years. We can't recommend anyone else, sorry. Your last clean is
on Friday 14 June and the final invoice of £180 is due on 30 June.

Cheers,
Sam

On Mon, 3 Jun 2024 at 10:14, Jo Baker <jo@example.com> wrote:
> You people are useless. Thanks for nothing.
""",
]

TEMPLATES = [
    """Dear [Patient Name],

This letter is to inform you that as of [date], I will no longer be able to provide you
with care. Should an emergency arise within the next 30 days, I will be available to you.

Sincerely,
Dr. ______
""",
]

CALL_LINES = [
    "Frankly, you are impossible to work with.",
    "You called us 9 times on 12/03/2024, idiot.",
    "Your constant complaints about the 5 May delivery have exhausted my team.",
    "Look, you've been told the same thing four times and you still don't listen.",
    "Hi Dana, thanks for making time today.",
    "We won't be renewing the contract when it ends in June.",
    "Your invoice INV-2207 for $1,840 is still unpaid, and honestly that's just typical of you.",
    "Good luck finding anyone who'll put up with that.",
]

LETTERS = FORMAL_LETTERS + HARD_WRAPPED + CASUAL_EMAILS + TEMPLATES
