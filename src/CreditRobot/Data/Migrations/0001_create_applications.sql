-- Loan applications with the decision made when they were submitted.
CREATE TABLE applications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    applicant_name  text        NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 200),
    amount          numeric     NOT NULL CHECK (amount > 0),
    income          numeric     NOT NULL CHECK (income > 0),
    term            integer     NOT NULL CHECK (term BETWEEN 1 AND 480),
    monthly_payment numeric(14, 2) NOT NULL,
    approved        boolean     NOT NULL,
    reason          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
