"""Candidates' data rights: withdrawing an application, asking for the account to be deleted, an administrator's
export of everything held about one candidate (JSON and files, as a zip) and its erasure (identity, CV, code and
essays removed; scores and grades kept, anonymised, for the statistics), and the retention rule that purges CVs and
drafts of decided applications (`assessment purge`). Every step is audited."""
