# Issue 12 part L: cms/ split into sub-packages. Old -> new module paths (dotted, slashed, and `from cms import x`).
# Apply once to files that still use the old paths: sed -i -f scripts/cms-module-moves.sed FILE...
# then `ruff check --fix --select I FILE...` re-sorts the imports. The order of the lines matters: the
# cms.headless and cms.accounts lines run before any line that produces a cms.headless./cms.accounts. path.
# Not idempotent: run it once. Delete this file after the merge.
s/\bcms\.headless\b/cms.headless.mixin/g
s/\bcms\/headless\.py\b/cms\/headless\/mixin.py/g
s/\bcms\.accounts\b/cms.accounts.adapter/g
s/\bcms\/accounts\.py\b/cms\/accounts\/adapter.py/g
s/^\(\s*\)from cms import freshness, roles$/\1from cms.accounts import roles\n\1from cms.headless import freshness/
s/^\(\s*\)from cms import frontend_cache, tasks$/\1from cms.headless import frontend_cache, tasks/
s/^\(\s*\)from cms import checks, database, signals\(.*\)$/\1from cms.deployment import checks, database\2\n\1from cms.headless import signals\2/
s/^\(\s*\)from cms import \(roles\|client_ip\|quota\)$/\1from cms.accounts import \2/
s/^\(\s*\)from cms import \(locales\|translation\|translation_permissions\|translation_report\|translation_status\|catalogs\)$/\1from cms.i18n import \2/
s/^\(\s*\)from cms import \(frontend\|frontend_cache\|freshness\|preview\|rich_text\|api_contract\|text_input\|tasks\|signals\)$/\1from cms.headless import \2/
s/^\(\s*\)from cms import \(documents\|storage\)$/\1from cms.files import \2/
s/^\(\s*\)from cms import \(mail\|retry\)$/\1from cms.background import \2/
s/^\(\s*\)from cms import \(checks\|database\)$/\1from cms.deployment import \2/
s/\bcms\([./]\)\(roles\|client_ip\|quota\)\b/cms\1accounts\1\2/g
s/\bcms\([./]\)\(locales\|translation\|translation_permissions\|translation_report\|translation_status\|catalogs\)\b/cms\1i18n\1\2/g
s/\bcms\([./]\)\(frontend\|frontend_cache\|freshness\|preview\|rich_text\|api_contract\|text_input\|tasks\|signals\)\b/cms\1headless\1\2/g
s/\bcms\([./]\)\(documents\|storage\)\b/cms\1files\1\2/g
s/\bcms\([./]\)\(mail\|retry\)\b/cms\1background\1\2/g
s/\bcms\([./]\)\(checks\|database\)\b/cms\1deployment\1\2/g
# The domain API's error shapes moved from guidance_pages.schemas to the platform's API contract.
s/^\(\s*\)from guidance_pages\.schemas import ErrorOut$/\1from cms.headless.api_contract import ErrorOut/
