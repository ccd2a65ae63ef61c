"""The seed's stack for the benchmark: Flask served by Gunicorn, with CreditRobot's quote rule.

Mirrors src/CreditRobot/Quotes (QuoteRule.cs, QuoteInput.cs) exactly, so both servers do the same work and
answer the same JSON; the benchmark's correctness gate compares them before measuring anything:
- amount and income: required, plain decimals (optional sign and point, no exponent, no spaces),
  > 0 and <= 100000000 (income is the *monthly* income);
- term: required, a whole number of months 1-480;
- payment = amount*r*g / (g - 1), g = (1+r)^term, r = 0.07/12 at .NET decimal's 28 places, in Decimal
  arithmetic, rounded to cents half away from zero; approved when payment <= 35 % of income;
- a bad input is a 400 validation problem naming every bad field.
"""
import json
import re
import secrets
from decimal import Decimal, ROUND_HALF_UP, localcontext

from flask import Flask, Response, request

app = Flask(__name__)

MAX_MONEY = Decimal(100_000_000)
MAX_TERM = 480
RATE = (Decimal("0.07") / 12).quantize(Decimal("1e-28"))  # System.Decimal keeps 28 decimal places
AFFORDABLE_SHARE = Decimal("0.35")
WITHIN_LIMIT = "within affordability limit"
EXCEEDS_LIMIT = "payment exceeds 35% of income"

# decimal.TryParse(NumberStyles.AllowLeadingSign | AllowDecimalPoint, InvariantCulture): ASCII digits only.
MONEY = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)")
WHOLE = re.compile(r"[+-]?[0-9]+")
MONEY_PROBLEM = f"must be a number greater than 0 and at most {MAX_MONEY}"
TERM_PROBLEM = f"must be a whole number of months 1-{MAX_TERM}"


def _json(body, status=200):
    return Response(body, status=status, mimetype="application/json")


def _money(field, raw, errors):
    if raw is None or raw.strip() == "":
        errors[field] = "is required"
        return None
    if not MONEY.fullmatch(raw):
        errors[field] = MONEY_PROBLEM
        return None
    value = Decimal(raw)
    if value <= 0 or value > MAX_MONEY:
        errors[field] = MONEY_PROBLEM
        return None
    return value


def _term(raw, errors):
    if raw is None or raw.strip() == "":
        errors["term"] = "is required"
        return None
    if not WHOLE.fullmatch(raw):
        errors["term"] = TERM_PROBLEM
        return None
    value = int(raw)
    if not 1 <= value <= MAX_TERM:
        errors["term"] = TERM_PROBLEM
        return None
    return value


def _plain(value):
    """A Decimal as System.Text.Json writes a decimal: its scale kept, never in exponent notation."""
    return format(value, "f")


@app.get("/healthz")
def healthz():
    return _json('{"status":"ok"}')


@app.get("/api/quote")
def quote():
    errors = {}
    amount = _money("amount", request.args.get("amount"), errors)
    income = _money("income", request.args.get("income"), errors)
    term = _term(request.args.get("term"), errors)
    if errors:
        problem = {
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            "title": "Invalid quote input",
            "status": 400,
            "detail": "; ".join(f"{field}: {message}" for field, message in errors.items()),
            "errors": {field: [message] for field, message in errors.items()},
            "traceId": f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-00",
        }
        return _json(json.dumps(problem, separators=(",", ":")), 400)

    with localcontext() as context:
        context.prec = 28
        growth = Decimal(1)
        for _ in range(term):
            growth *= 1 + RATE
        payment = (amount * RATE * growth / (growth - 1)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    approved = payment <= AFFORDABLE_SHARE * income
    reason = WITHIN_LIMIT if approved else EXCEEDS_LIMIT
    return _json(
        f'{{"amount":{_plain(amount)},"income":{_plain(income)},"term":{term},'
        f'"monthlyPayment":{_plain(payment)},"approved":{"true" if approved else "false"},"reason":"{reason}"}}'
    )
