"""The interview stage: interviewers publish availability (slots, time-zone aware) and join each other's panels;
shortlisted candidates book, reschedule or cancel a slot under the position's rules, with a calendar invitation in
the confirmation email; interviewers fill structured scorecards (criteria from position.yaml), blind to the others'
until they submit their own (assessment.selection.access). The final decision after the interviews is a decision of
the interview stage (assessment.selection.decisions)."""
