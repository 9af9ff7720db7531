export * from './types.js';
export { parseDmarcRecord, effectivePolicy, isDmarcRecord, MAX_RECORD_LENGTH } from './record.js';
export { parseUriList, MAX_REPORT_URIS } from './uri.js';
/** isHostName: the RFC 5321 host name rule `mailto:` destinations follow (from the message module). */
export { isHostName } from '../message/domain.js';
export { normalizeDomain, treeWalkTargets, TREE_WALK_MAX_QUERIES } from './domain.js';
export { classifyAnswer, selectOrgDomain } from './walk.js';
export { lookupDmarcPolicy, type LookupOptions, type PolicyLookup } from './discover.js';
export { pslOrgDomain, pslVersion } from './psl.js';
export { beginDmarc, evaluateDmarc, MAX_DKIM_DOMAINS, type PendingDmarc } from './evaluate.js';
export { stepDown } from './policy.js';
export { dmarcFromAnalysis } from './from.js';
export { explainDmarc, explainPolicyLookup, describeRecordProblem, describeTag, describeAlignment, describeOverride, describeWalkStep, describeReason as describeDmarcReason, describeStep as describeDmarcStep, type DmarcExplainOptions } from './explain.js';
export { lookupVerdict, policyWarnings, type LookupVerdict, type PolicyWarning } from './advice.js';
