"""A printed figure as the interval of values it may stand for: 52.37 is anything from 52.365
to 52.375. Sums, differences and ratios of such intervals say what the printed figures allow,
so a rule reports only a disagreement no rounding explains."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..text.statements import Amount
from ..vocabulary import UNIT_FACTORS

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Span:
    """A printed figure as the interval of values it may round from, in 元 (or in % for a share)."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, a: Amount, cut: bool = False) -> Span:
        """The amount in 元 (a share in %); `cut`: the printer may have cut the last digit rather
        than rounded it, so the figure may stand for up to a whole last digit more."""
        scale = Decimal(UNIT_FACTORS.get(a.unit, 1))
        h = a.half_step
        return cls(max(Decimal(0), a.value - h) * scale, (a.value + (2 * h if cut else h)) * scale)

    @classmethod
    def of_printed(cls, value: Decimal, factor: int) -> Span:
        """A table's printed amount (in its unit of `factor` 元) as the interval it may round from."""
        exp = value.as_tuple().exponent
        h = Decimal(5).scaleb((exp if isinstance(exp, int) else 0) - 1)
        return cls(max(Decimal(0), value - h) * factor, (value + h) * factor)

    def __sub__(self, other: Span) -> Span:
        return Span(self.lo - other.hi, self.hi - other.lo)

    def __add__(self, other: Span) -> Span:
        return Span(self.lo + other.lo, self.hi + other.hi)

    def magnitude(self) -> Span:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return Span(-self.hi, -self.lo)
        return Span(Decimal(0), max(-self.lo, self.hi))

    def percent_of(self, base: Span) -> Span | None:
        """self ÷ base × 100, or None where the base may be zero."""
        if base.lo <= 0:
            return None
        return Span(self.lo / base.hi * HUNDRED, self.hi / base.lo * HUNDRED)

    def meets(self, other: Span) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def text(self, places: int = 2) -> str:
        q = Decimal(1).scaleb(-places)
        lo, hi = self.lo.quantize(q), self.hi.quantize(q)
        return str(lo) if lo == hi else f"{lo}～{hi}"
