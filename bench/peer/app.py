"""The seed's stack for the benchmark: Flask served by Gunicorn, with CreditRobot's quote rule."""
from decimal import Decimal, ROUND_HALF_UP

from flask import Flask, jsonify, request

app = Flask(__name__)

RATE = Decimal("0.07") / 12
AFFORDABLE_SHARE = Decimal("0.35")


def _field(name, kind, minimum):
    raw = request.args.get(name)
    try:
        value = kind(raw)
    except (TypeError, ValueError, ArithmeticError):
        return None, f"'{name}' is required and must be a number"
    if value < minimum:
        return None, f"'{name}' must be at least {minimum}"
    return value, None


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.get("/api/quote")
def quote():
    amount, error = _field("amount", Decimal, Decimal("0.01"))
    income, error2 = _field("income", Decimal, Decimal("0"))
    term, error3 = _field("term", int, 1)
    errors = {k: e for k, e in (("amount", error), ("income", error2), ("term", error3)) if e}
    if errors:
        return jsonify(type="about:blank", title="Invalid quote request", status=400, errors=errors), 400
    payment = amount * RATE / (1 - (1 + RATE) ** -term)
    payment = payment.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    approved = payment <= income * AFFORDABLE_SHARE
    return jsonify(
        amount=float(amount), income=float(income), term=term, monthlyPayment=float(payment),
        approved=approved,
        reason="within affordability limit" if approved else "payment exceeds 35% of income",
    )
