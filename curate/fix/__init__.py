"""Apply the fixes rules offer: plan, re-parse check, atomic write."""

from curate.fix.apply import FixReport, plan_fixes, write_fixes

__all__ = ["FixReport", "plan_fixes", "write_fixes"]
