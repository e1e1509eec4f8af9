#!/usr/bin/env bash
# Checks the runtime dependencies (npm audit --omit=dev) for known high or critical
# advisories. Exit 1 when there is one (each is listed with whether a fix is
# available), 0 when there is none, and 0 with a WARNING line when the registry's
# audit service cannot be asked (offline, a mirror without the audit endpoint): the
# check is then skipped, not passed. Exit 2 when npm audit fails otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

report="$(npm audit --omit=dev --json 2>/dev/null)"
printf '%s' "$report" | node -e '
const input = require("fs").readFileSync(0, "utf8");
let r;
try {
  r = JSON.parse(input);
} catch {
  console.log("audit-deps: WARNING: npm audit gave no report (registry unreachable?); runtime dependencies NOT checked");
  process.exit(0);
}
if (!r.metadata || !r.metadata.vulnerabilities) {
  const code = (r.error && r.error.code) || "";
  const status = Number(r.statusCode || 0);
  const what = r.message || (r.error && (r.error.summary || r.error.code)) || "no report";
  const unreachable = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|E\d{3})$/.test(code) || status >= 400 || /audit endpoint|network|fetch/i.test(what);
  if (unreachable) {
    console.log(`audit-deps: WARNING: the registry audit service did not answer (${what}); runtime dependencies NOT checked`);
    process.exit(0);
  }
  console.log(`audit-deps: npm audit failed: ${what}`);
  process.exit(2);
}
const counts = r.metadata.vulnerabilities;
const serious = Object.values(r.vulnerabilities || {}).filter((v) => v.severity === "high" || v.severity === "critical");
for (const v of serious) {
  const fix = v.fixAvailable === true ? "fix: npm audit fix" : v.fixAvailable ? `fix: ${v.fixAvailable.name}@${v.fixAvailable.version}${v.fixAvailable.isSemVerMajor ? " (semver-major)" : ""}` : "no fix available";
  const via = (v.via || []).map((x) => (typeof x === "string" ? x : x.title || x.url)).join("; ");
  console.log(`${v.severity.toUpperCase()} ${v.name} ${v.range}${v.isDirect ? " (direct)" : ""}: ${via} [${fix}]`);
}
console.log(`audit-deps: runtime dependencies: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
process.exit(serious.length ? 1 : 0);
'
