"""Quantiles of the F and Student t distributions, for the confidence intervals of the agreement figures.

F(d1, d2) has the distribution function I_x(d1/2, d2/2) at x = d1 f / (d1 f + d2), where I is the regularized
incomplete beta function, computed here by its continued fraction (modified Lentz method, as in Numerical Recipes
§6.4); a quantile is found by bisection on that function, which is increasing. A t quantile comes from F(1, df):
P(|T| <= t) = P(F <= t²). Accurate to about 1e-10, far beyond what two-decimal figures need."""

from __future__ import annotations

import math

_EPS = 1e-15
_TINY = 1e-300
_MAX_ITERATIONS = 500


def _continued_fraction(x: float, a: float, b: float) -> float:
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_ITERATIONS + 1):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            result *= d * c
        if abs(d * c - 1.0) < _EPS:
            break
    return result


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) for 0 <= x <= 1 and a, b > 0."""
    if a <= 0 or b <= 0:
        raise ValueError("a and b must be positive")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(1.0 - x, b, a) / b


def f_cdf(value: float, d1: float, d2: float) -> float:
    if value <= 0:
        return 0.0
    return regularized_beta(d1 * value / (d1 * value + d2), d1 / 2.0, d2 / 2.0)


def f_quantile(p: float, d1: float, d2: float) -> float:
    """The value below which F(d1, d2) falls with probability p (0 < p < 1)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be between 0 and 1")
    if d1 <= 0 or d2 <= 0:
        raise ValueError("degrees of freedom must be positive")
    low, high = 0.0, 1.0  # bisection on y = d1 f / (d1 f + d2), where the distribution function is I_y(d1/2, d2/2)
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if regularized_beta(middle, d1 / 2.0, d2 / 2.0) < p:
            low = middle
        else:
            high = middle
    y = (low + high) / 2.0
    return d2 * y / (d1 * (1.0 - y))


def t_quantile(p: float, df: float) -> float:
    """The value below which Student's t with df degrees of freedom falls with probability p (0 < p < 1)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be between 0 and 1")
    if p == 0.5:
        return 0.0
    magnitude = math.sqrt(f_quantile(abs(2.0 * p - 1.0), 1.0, df))
    return magnitude if p > 0.5 else -magnitude
