export const id = 367;
export const ids = [367];
export const modules = {

/***/ 367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_PLAN_BYTES: () => (/* binding */ MAX_PLAN_BYTES),
  TEST_TABLE: () => (/* binding */ TEST_TABLE),
  checkPermissions: () => (/* binding */ checkPermissions),
  logPermissions: () => (/* binding */ logPermissions),
  missingFailure: () => (/* binding */ missingFailure),
  permissionSection: () => (/* binding */ permissionSection),
  preparePreflight: () => (/* binding */ preparePreflight)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: ./src/action/outputs.ts
var outputs = __webpack_require__(948);
// EXTERNAL MODULE: ./src/action/summary.ts
var summary = __webpack_require__(770);
// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __webpack_require__(710);
;// CONCATENATED MODULE: ./src/errors-preflight.ts
// The permission preflight's messages (docs/permissions-preflight.md): the rest of the catalogue
// of errors.ts, kept apart so that only a run with "terraform-plan" or "required-permissions"
// loads them (steps/permissions.ts is imported on demand). Facts in, wording out; no value of
// the plan is ever handed in.

const preflightErrors = {
    /** `reason`: why the file could not be read (outputs' fileFault), never the error's text. */
    planUnreadable: (path, reason) => (0,errors/* fail */.fJ)(`Input "terraform-plan" is ${(0,errors/* quote */.hD)(path)}, which could not be read: ${reason}. ${PLAN_ACCEPTED}`),
    /** Where the file stops being a plan, from genesys/plan (never a value of the file). */
    planInvalid: (path, fault) => (0,errors/* fail */.fJ)(`Input "terraform-plan" is ${(0,errors/* quote */.hD)(path)}, which is not a Terraform plan: ${planFault(fault)}. ${PLAN_ACCEPTED}`),
    /** The table that ships beside the bundle: a broken install, not the user's doing. */
    permissionTable: (reason) => (0,errors/* fail */.fJ)(`The permission table of this action (permissions-table.json beside dist/main/index.js) ${reason}. The action's files are incomplete: use a released tag of the action, or run \`npm run package\` in a checkout.`),
    rolesUnknown: () => (0,errors/* fail */.fJ)('Cannot check permissions: GET /api/v2/tokens/me did not list the OAuth client\'s roles (OAuthClient.roleDivisions is missing or unreadable), so the check cannot know what the client holds. Nothing was judged granted or missing; remove "terraform-plan" and "required-permissions" to skip the check, or prove permissions with "check-endpoints".'),
    rolesForbidden: (roleId) => (0,errors/* fail */.fJ)(`Cannot check permissions: reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) was refused (HTTP 403). The check needs the permission authorization:role:view on the client's roles; it reveals role definitions (names and the permissions they grant) and nothing else. Grant it, or remove "terraform-plan" and "required-permissions".`),
    roleReadFailed: (roleId, status, message, attempts) => (0,errors/* fail */.fJ)(`Cannot check permissions: reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) failed: HTTP ${status}${message ? `: ${(0,errors/* clause */.sb)(message)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. Nothing was judged granted or missing.`),
    roleNotRole: (roleId, status) => (0,errors/* fail */.fJ)(`Cannot check permissions: the answer (HTTP ${status}) to reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) was not a role: no JSON object with that role's id. Check "api-url" and any proxy in between. Nothing was judged granted or missing.`),
    /**
     * `lines`: each miss as missLine() words it, grouped by permission; `from`: what asked for the
     * missing permissions (without a plan, "the plan needs" would be untrue).
     */
    permissionsMissing: (lines, missing, from = 'plan') => (0,errors/* fail */.fJ)(`The OAuth client's roles lack ${missing.length === 1 ? 'a permission' : `${missing.length} permissions`} ${NEEDED_BY[from]} (${(0,errors/* firstOf */.Ku)(missing, ', ')}):\n${(0,errors/* firstOf */.Ku)(lines.map(l => `- ${l}`), '\n')}\nGrant ${missing.length === 1 ? 'it' : 'them'} to the client's roles, in the division named (Admin > Roles / Permissions), before the apply.`)
};
const preflightWarnings = {
    /** `lines`: uncheckedLine() of each kind. */
    permissionsUnchecked: (lines) => `The permission check could not decide ${lines.length === 1 ? 'one thing' : `${lines.length} things`}; they are not checked (no failure), verify them yourself:\n${(0,errors/* firstOf */.Ku)(lines.map(l => `- ${l}`), '\n')}`
};
/** `genesyscloud_routing_queue.support: create needs routing:queue:add in division D`. */
function missLine(m) {
    const needs = m.any && m.permissions.length > 1 ? `any of ${m.permissions.join(', ')}` : m.permissions[0];
    const where = m.division && m.division !== '*' ? ` in division ${m.division}` : '';
    return m.address === undefined
        ? `required-permissions: needs ${needs}`
        : `${m.address}: ${m.verb} needs ${needs}${where}`;
}
const UNCHECKED = {
    'type-unknown': u => `${u.type}: not in the permission table of this action`,
    'data-source': () => 'data sources: read at plan time, not checked',
    'action-unknown': u => `${u.type}: the plan action "${u.detail}" is not known to this check`,
    note: u => `${u.type}: ${(0,errors/* clause */.sb)(u.detail)}`,
    uncertain: u => `${u.type}: ${u.verb} may call ${u.detail} (only for some attributes, or the mapping is uncertain), not granted`,
    undeclared: u => `${u.type}: ${u.verb} calls ${u.detail}, which declares no permission`,
    'unknown-operation': u => `${u.type}: ${u.verb} calls ${u.detail}, whose permissions are not documented`,
    conditional: u => `${u.type ? `${u.type}: ${u.verb} needs ` : 'required-permissions: '}${u.detail}, granted only by a conditional policy (cannot be judged before the apply)`,
    'division-unknown': u => `${u.type}: ${u.verb} needs ${u.detail} in a division known only at apply; it is granted in some divisions, not in all`
};
function uncheckedLine(u) {
    const text = (UNCHECKED[u.reason] ?? (() => `${u.type ?? ''} ${u.detail}`))(u);
    return u.count > 1 || u.address === undefined
        ? `${text}${u.count > 1 ? ` (${u.count} changes)` : ''}`
        : `${text} (${u.address})`;
}
const NEEDED_BY = {
    plan: 'the plan needs',
    required: 'that "required-permissions" lists',
    both: 'that the plan and "required-permissions" need'
};
const PLAN_ACCEPTED = 'Accepted: the path (from the workspace) of the JSON that `terraform show -json PLANFILE > plan.json` writes.';
function planFault(f) {
    if (f.kind === 'ui-log')
        return 'it is a log of `terraform plan -json` (one JSON object a line), not a plan';
    // What a newcomer meets first: setup-terraform's wrapper echoes the command into the output.
    if (f.kind === 'not-json')
        return 'it is not valid JSON (with hashicorp/setup-terraform, set terraform_wrapper: false: its wrapper adds lines to the output)';
    if (f.kind === 'unsupported-version')
        return `its format_version ${f.version} is not 1.x, the only plan format this check reads`;
    return f.why;
}

// EXTERNAL MODULE: ./src/net/text.ts
var net_text = __webpack_require__(612);
// EXTERNAL MODULE: ./src/genesys/api.ts
var api = __webpack_require__(386);
;// CONCATENATED MODULE: ./src/genesys/grants.ts


/** The division id a grant in "all divisions" carries (roleDivisions and the Genesys docs). */
const ALL_DIVISIONS = '*';
/** Role reads open at once: one round trip for any usual client, bounded for a strange one. */
const ROLE_CONCURRENCY = 8;
function parseRole(id, json, redact) {
    const body = (0,net_text/* isRecord */.u4)(json) ? json : {};
    const strings = (v) => Array.isArray(v) ? v.filter((s) => typeof s === 'string') : [];
    const policies = [];
    for (const p of Array.isArray(body.permissionPolicies) ? body.permissionPolicies : []) {
        if (!(0,net_text/* isRecord */.u4)(p) || typeof p.domain !== 'string' || typeof p.entityName !== 'string')
            continue;
        const named = Array.isArray(p.namedResources) && p.namedResources.length > 0;
        const node = p.resourceConditionNode;
        policies.push({
            domain: p.domain.toLowerCase(),
            entity: p.entityName.toLowerCase(),
            actions: strings(p.actionSet).map(a => a.toLowerCase()),
            conditional: (node !== undefined && node !== null) || named
        });
    }
    return {
        id,
        name: (0,net_text/* serverText */.Tn)(body.name, redact, 200),
        policies,
        permissions: strings(body.permissions).map(s => s.toLowerCase())
    };
}
/** Reads each distinct role once; the first refusal decides (a 403 names the missing grant). */
async function readRoles(apiUrl, token, roleIds, policy) {
    const ids = [...new Set(roleIds)];
    const roles = new Map();
    let refused;
    let next = 0;
    const worker = async () => {
        while (next < ids.length && !refused) {
            const id = ids[next++];
            const answer = await (0,api/* callApi */.px)(apiUrl, token, { method: 'GET', path: `/api/v2/authorization/roles/${id}`, what: 'Role read' }, policy);
            // A body that is no role is unknown, never a role that grants nothing (a false miss).
            const isRole = (0,net_text/* isRecord */.u4)(answer.json) && answer.json.id === id;
            if (answer.ok && isRole)
                roles.set(id, parseRole(id, answer.json, policy.redact));
            else
                refused ??= {
                    ok: false,
                    roleId: id,
                    status: answer.status,
                    message: answer.message,
                    attempts: answer.attempts,
                    ...(answer.ok ? { notRole: true } : {})
                };
        }
    };
    await Promise.all(Array.from({ length: Math.min(ROLE_CONCURRENCY, ids.length) }, worker));
    return refused ?? { ok: true, roles };
}
/** The client's grants, asked permission by permission; each answer is computed once. */
class Grants {
    pairs;
    roles;
    memo = new Map();
    constructor(pairs, roles) {
        this.pairs = pairs;
        this.roles = roles;
    }
    verdict(permission, place) {
        const held = this.held(permission);
        const any = (s) => s.size > 0;
        if (place && 'division' in place) {
            const at = (s) => s.has(ALL_DIVISIONS) || s.has(place.division);
            return at(held.plain) ? 'granted' : at(held.conditional) ? 'conditional' : 'missing';
        }
        if (place)
            return held.plain.has(ALL_DIVISIONS)
                ? 'granted'
                : any(held.plain) || any(held.conditional)
                    ? 'division-unknown'
                    : 'missing';
        return any(held.plain) ? 'granted' : any(held.conditional) ? 'conditional' : 'missing';
    }
    held(permission) {
        const key = permission.toLowerCase();
        let held = this.memo.get(key);
        if (held)
            return held;
        held = { plain: new Set(), conditional: new Set() };
        for (const { roleId, divisionId } of this.pairs) {
            const role = this.roles.get(roleId);
            const grant = role ? grantOf(role, key) : undefined;
            if (grant)
                held[grant].add(divisionId);
        }
        this.memo.set(key, held);
        return held;
    }
}
/** Whether one role grants a (lower-cased) permission, and how; `*` matches any part. */
function grantOf(role, permission) {
    if (role.permissions.includes(permission))
        return 'plain';
    const [domain, entity, action, extra] = permission.split(':');
    if (action === undefined || extra !== undefined)
        return undefined;
    let result;
    for (const p of role.policies) {
        if (p.domain !== domain && p.domain !== '*')
            continue;
        if (p.entity !== entity && p.entity !== '*')
            continue;
        if (!p.actions.includes(action) && !p.actions.includes('*'))
            continue;
        if (!p.conditional)
            return 'plain';
        result = 'conditional';
    }
    return result;
}

;// CONCATENATED MODULE: ./src/genesys/plan.ts
// The Terraform plan, as `terraform show -json PLANFILE` prints it, read for the permission check.
// A plan holds secrets (variables, attribute values): this reads each change's address, type,
// mode, actions and division ids, and keeps nothing else. No value of the file reaches a
// message: a fault is described by where it is, never by what is there (JSON.parse's own error
// quotes the text around the fault, so it is never passed on).

const PREFIX = 'genesyscloud_';
/** Division ids are UUIDs, or `*` (all divisions); anything else is treated as unknown. */
const DIVISION = /^(\*|[\w-]{1,64})$/;
const ACTION = /^[a-z-]{1,20}$/;
const TYPE = /^[a-z][a-z0-9_]{0,127}$/;
const MAX_ADDRESS = 500;
/** C0/C1 controls, DEL and the Unicode line separators: what could start a line of its own. */
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
function readPlan(text) {
    // Read as UTF-8: a byte order mark (PowerShell 5's `Out-File -Encoding utf8`) is no fault of the
    // JSON, while UTF-16 (its `>`) starts with FF FE or FE FF, two replacement characters here.
    if (text.startsWith('\uFFFD\uFFFD'))
        return {
            ok: false,
            fault: {
                kind: 'not-plan',
                why: "it is UTF-16 text (PowerShell 5's `>` writes that); write the JSON as UTF-8"
            }
        };
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        return { ok: false, fault: { kind: /^\s*\{\s*"@level"/.test(body) ? 'ui-log' : 'not-json' } };
    }
    if ((0,net_text/* isRecord */.u4)(json) && '@level' in json)
        return { ok: false, fault: { kind: 'ui-log' } };
    const notPlan = (why) => ({ ok: false, fault: { kind: 'not-plan', why } });
    if (!(0,net_text/* isRecord */.u4)(json))
        return notPlan('it is JSON, but not an object');
    const version = json.format_version;
    if (typeof version !== 'string')
        return notPlan('it has no "format_version"');
    if (!/^\d{1,3}\.\d{1,3}$/.test(version))
        return notPlan('its "format_version" is not x.y');
    if (!version.startsWith('1.'))
        return { ok: false, fault: { kind: 'unsupported-version', version } };
    if (!('planned_values' in json) && !('resource_changes' in json))
        return notPlan('it has no "planned_values" or "resource_changes" (a state, from `terraform show -json` without a plan file?)');
    const listed = json.resource_changes ?? [];
    if (!Array.isArray(listed))
        return notPlan('its "resource_changes" is not a list');
    const changes = [];
    let otherProviders = 0;
    for (let i = 0; i < listed.length; i++) {
        const entry = listed[i];
        const change = (0,net_text/* isRecord */.u4)(entry) ? entry.change : undefined;
        const actions = (0,net_text/* isRecord */.u4)(change) ? change.actions : undefined;
        if (!(0,net_text/* isRecord */.u4)(entry) ||
            !(0,net_text/* isRecord */.u4)(change) ||
            typeof entry.address !== 'string' ||
            typeof entry.type !== 'string' ||
            (entry.mode !== 'managed' && entry.mode !== 'data') ||
            !Array.isArray(actions) ||
            !actions.every(a => typeof a === 'string' && ACTION.test(a)))
            return notPlan(`resource_changes[${i}] lacks an address, type, mode (managed or data) or change.actions`);
        if (!entry.type.startsWith(PREFIX) || !TYPE.test(entry.type)) {
            otherProviders++;
            continue;
        }
        changes.push({
            address: shownAddress(entry.address, entry.type),
            type: entry.type,
            mode: entry.mode,
            actions: actions,
            divisions: divisionsOf(change)
        });
    }
    return { ok: true, plan: { formatVersion: version, changes, otherProviders } };
}
/**
 * The address as messages print it: one line, and bounded without being cut, since a cut could
 * leave part of a secret (a for_each key) that redaction, done where it is printed, would not find.
 */
function shownAddress(address, type) {
    const line = address.replace(LINE_BREAKING, ' ');
    return line.length <= MAX_ADDRESS ? line : `${type}.<an address of ${line.length} characters>`;
}
/** `division_id` (or `division_ids`) of `before` and `after`; whether `after_unknown` hides it. */
function divisionsOf(change) {
    const ids = (side) => {
        if (!(0,net_text/* isRecord */.u4)(side))
            return [];
        const one = side.division_id;
        const many = side.division_ids;
        const all = [...(typeof one === 'string' ? [one] : []), ...(Array.isArray(many) ? many : [])];
        return [...new Set(all.filter((d) => typeof d === 'string' && DIVISION.test(d)))];
    };
    const unknown = change.after_unknown;
    return {
        before: ids(change.before),
        after: ids(change.after),
        afterUnknown: (0,net_text/* isRecord */.u4)(unknown) &&
            (unknown.division_id === true ||
                unknown.division_ids === true ||
                (Array.isArray(unknown.division_ids) && unknown.division_ids.includes(true)))
    };
}

;// CONCATENATED MODULE: ./src/genesys/preflight.ts
// The permission check's decision: what each planned change needs (the generated permission
// table: per resource type, the Needs of create, read, update and delete) against what the
// client's roles grant.
// No false alarm: only a certain ALL need not granted, or a certain ANY list of which nothing is
// granted, is a miss; everything the data cannot decide is returned as "not checked".

const VERBS = ['create', 'read', 'update', 'delete'];
/** The table, checked entry by entry; undefined when its shape is not the schema's. */
function readTable(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!(0,net_text/* isRecord */.u4)(json) || !(0,net_text/* isRecord */.u4)(json.resources))
        return undefined;
    for (const entry of Object.values(json.resources)) {
        if (!(0,net_text/* isRecord */.u4)(entry) || typeof entry.division !== 'boolean')
            return undefined;
        for (const verb of VERBS) {
            const needs = entry[verb];
            if (!Array.isArray(needs) || !needs.every(isNeed))
                return undefined;
        }
    }
    return json;
}
const isNeed = (n) => (0,net_text/* isRecord */.u4)(n) &&
    typeof n.operation === 'string' &&
    ['ALL', 'ANY', 'NONE', 'UNKNOWN'].includes(n.require) &&
    Array.isArray(n.permissions) &&
    n.permissions.every(p => typeof p === 'string') &&
    typeof n.certain === 'boolean';
/** Which verbs an action list calls, and on which side of the change (before / after). */
const CALLS = {
    'no-op': [['read', 'before']],
    create: [
        ['create', 'after'],
        // The provider reads back what it creates.
        ['read', 'after']
    ],
    update: [
        ['update', 'both'],
        ['read', 'before']
    ],
    delete: [
        ['delete', 'before'],
        ['read', 'before']
    ],
    // Terraform drops it from the state; nothing is called.
    forget: []
};
function evaluate(changes, table, grants, required) {
    const misses = new Map();
    const unchecked = new Map();
    const asked = new Set();
    let checkedChanges = 0;
    const note = (u) => {
        const key = `${u.reason}\n${u.type}\n${u.verb}\n${u.detail}`;
        const seen = unchecked.get(key);
        if (seen)
            seen.count++;
        else
            unchecked.set(key, { ...u, count: 1 });
    };
    const verdict = (permission, place) => {
        asked.add(permission);
        return grants.verdict(permission, place);
    };
    const miss = (m) => misses.set(`${m.address}\n${m.verb}\n${m.permissions.join(' ')}\n${m.division ?? ''}\n${m.any}`, m);
    // A plan of thousands of changes has a few dozen kinds (type, actions, divisions): each is
    // judged once.
    const judged = new Map();
    for (const change of changes) {
        const { address, type } = change;
        if (change.mode === 'data') {
            note({ reason: 'data-source', detail: '' });
            continue;
        }
        const entry = table?.resources[type];
        if (!entry) {
            note({ reason: 'type-unknown', type, detail: '', address });
            continue;
        }
        checkedChanges++;
        const { before, after, afterUnknown } = change.divisions;
        const kind = `${type}\n${change.actions.join()}\n${before.join()}\n${after.join()}\n${afterUnknown}`;
        let outcomes = judged.get(kind);
        if (!outcomes)
            judged.set(kind, (outcomes = judge(change, entry, verdict)));
        for (const o of outcomes)
            if ('miss' in o)
                miss({ address, ...o.miss });
            else
                note({ ...o.note, address });
    }
    for (const permission of required) {
        const v = verdict(permission, undefined);
        if (v === 'missing')
            miss({ permissions: [permission], any: false });
        else if (v !== 'granted')
            note({ reason: v, detail: permission });
    }
    const list = [...misses.values()];
    return {
        checkedChanges,
        permissions: asked.size,
        misses: list,
        unchecked: [...unchecked.values()],
        missing: missingList(list)
    };
}
/** The misses and doubts of one change, from its actions, its divisions and the table. */
function judge(change, entry, verdict) {
    const { type } = change;
    const out = [];
    const note = (n) => out.push({ note: n });
    if (entry.note)
        note({ reason: 'note', type, detail: entry.note });
    const calls = new Map();
    for (const action of change.actions) {
        const verbs = CALLS[action];
        if (!verbs) {
            note({ reason: 'action-unknown', type, detail: action });
            continue;
        }
        for (const [verb, side] of verbs) {
            const places = calls.get(verb) ?? [];
            for (const p of placesOf(change, side, entry.division))
                if (!places.some(q => JSON.stringify(q) === JSON.stringify(p)))
                    places.push(p);
            calls.set(verb, places);
        }
    }
    for (const [verb, places] of calls)
        for (const need of entry[verb]) {
            if (need.require === 'UNKNOWN') {
                note({ type, verb, reason: 'unknown-operation', detail: need.operation });
                continue;
            }
            if (need.require === 'NONE' || !need.permissions.length) {
                if (verb !== 'read')
                    note({ type, verb, reason: 'undeclared', detail: need.operation });
                continue;
            }
            const alternatives = need.require === 'ANY' ? [need.permissions] : need.permissions.map(p => [p]);
            for (const place of places) {
                const division = place && 'division' in place ? place.division : undefined;
                for (const any of alternatives) {
                    const verdicts = any.map(p => verdict(p, place));
                    if (verdicts.includes('granted'))
                        continue;
                    const doubt = verdicts.find(v => v !== 'missing');
                    const detail = any.join(' | ');
                    if (!need.certain)
                        note({ type, verb, reason: 'uncertain', detail: `${need.operation}: ${detail}` });
                    else if (doubt)
                        note({ type, verb, reason: doubt, detail });
                    else
                        out.push({ miss: { verb, permissions: any, any: need.require === 'ANY', division } });
                }
            }
        }
    return out;
}
/** Where each side of a change is: its division ids, one known only at apply, or none. */
function placesOf(change, side, divided) {
    if (!divided)
        return [undefined];
    const { before, after, afterUnknown } = change.divisions;
    const sideOf = (s) => s === 'after' && afterUnknown
        ? [{ unknownDivision: true }]
        : (s === 'before' ? before : after)
            // `*` (routing_wrapupcode's default) is no one division: any grant counts for it.
            .filter(division => division !== '*')
            .map(division => ({ division }));
    const places = side === 'both' ? [...sideOf('before'), ...sideOf('after')] : sideOf(side);
    // No division in the plan: the object goes to the home division, which the plan does not name.
    return places.length ? places : [undefined];
}
/** The distinct missing permissions; an ANY list is left out when one of its members is listed. */
function missingList(misses) {
    const all = new Set(misses.filter(m => !m.any).map(m => m.permissions[0]));
    const anyLists = misses
        .filter(m => m.any && !m.permissions.some(p => all.has(p)))
        .map(m => m.permissions.join('|'));
    return [...all, ...new Set(anyLists)];
}

// EXTERNAL MODULE: ./src/net/proxy.ts
var proxy = __webpack_require__(987);
;// CONCATENATED MODULE: ./src/steps/permissions.ts
// The permission preflight's I/O: the plan file and the permission table, read from disk before
// any request; the client's roles, read after verification; the verdict, logged. Loaded by
// main.ts only when "terraform-plan" or "required-permissions" is set (a dynamic import: a run
// without them loads none of this, and never reads the table).








/** Beside dist/main/index.js once bundled: ncc copies the file there and rewrites this URL. */
const TABLE = __webpack_require__.ab + "permissions-table.json";
/**
 * End-to-end tests run dist/, where nothing can be injected: this variable names another table,
 * honoured only when every host the step talks to is loopback (as the wait scale, net/policy).
 */
const TEST_TABLE = 'GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE';
/**
 * A larger plan is refused unread, naming its size: a 100 MB plan (50,000 changes) takes 2 s and
 * 400 MB here, and past 512 MB Node cannot hold it as one string at all.
 */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;
/** Reads and checks the plan (and the table it needs) before any request is made. */
function preparePreflight(s, env, log) {
    const preflight = { required: s.requiredPermissions };
    if (!s.terraformPlan)
        return preflight;
    const mib = (bytes) => Math.ceil(bytes / 2 ** 20);
    let size = 0;
    try {
        size = (0,external_node_fs_.statSync)(s.terraformPlan).size;
    }
    catch {
        // What cannot be stat'ed cannot be read either: readFileSync below says why.
    }
    if (size > MAX_PLAN_BYTES)
        throw preflightErrors.planUnreadable(s.terraformPlan, `it is ${mib(size)} MiB, more than the ${mib(MAX_PLAN_BYTES)} MiB this check reads`);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(s.terraformPlan, 'utf8');
    }
    catch (err) {
        throw preflightErrors.planUnreadable(s.terraformPlan, (0,outputs/* fileFault */.bT)(err));
    }
    const read = readPlan(text);
    if (!read.ok)
        throw preflightErrors.planInvalid(s.terraformPlan, read.fault);
    preflight.plan = read.plan;
    const { changes, otherProviders } = read.plan;
    log.info(`Terraform plan ${s.terraformPlan}: ${changes.length} change${changes.length === 1 ? '' : 's'} of genesyscloud_* resources${otherProviders ? `; ${otherProviders} of other providers skipped` : ''}`);
    if (changes.length)
        preflight.table = loadTable(tableLocation(s, env));
    return preflight;
}
function tableLocation(s, env) {
    const override = env[TEST_TABLE];
    const hosts = [s.endpoints.tokenUrl, s.endpoints.apiUrl].map(u => new URL(u).hostname);
    return override && hosts.every(proxy/* isLoopbackHost */.cW) ? override : TABLE;
}
function loadTable(where) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(where, 'utf8');
    }
    catch (err) {
        throw preflightErrors.permissionTable(`could not be read (${(0,outputs/* fileFault */.bT)(err)})`);
    }
    const table = readTable(text);
    if (!table)
        throw preflightErrors.permissionTable('is not in the expected format');
    return table;
}
/**
 * Reads the client's roles and judges the plan against them. Resolves with the report (the
 * caller fails the step on a miss, after its other checks), or rejects when the roles cannot be
 * known: that is never judged as "none granted" or "all granted".
 */
async function checkPermissions(preflight, info, s, token, policy) {
    const changes = preflight.plan?.changes ?? [];
    const counts = { planned: preflight.plan?.changes.length, required: preflight.required.length };
    // A plan without changes (Terraform then omits resource_changes) is a plan with nothing to check.
    if (!changes.length && !preflight.required.length)
        return { ...evaluate([], undefined, NO_GRANTS, []), ...counts, roles: 0 };
    const pairs = info.roleDivisions;
    if (!pairs)
        throw preflightErrors.rolesUnknown();
    const read = await readRoles(s.endpoints.apiUrl, token, pairs.map(p => p.roleId), policy);
    if (!read.ok)
        throw read.notRole
            ? preflightErrors.roleNotRole(read.roleId, read.status)
            : read.status === 403
                ? preflightErrors.rolesForbidden(read.roleId)
                : preflightErrors.roleReadFailed(read.roleId, read.status, read.message, read.attempts);
    const grants = new Grants(pairs, read.roles);
    const evaluation = evaluate(changes, preflight.table, grants, preflight.required);
    return { ...evaluation, ...counts, roles: read.roles.size };
}
const NO_GRANTS = new Grants([], new Map());
/** The log lines of a finished check: what was not checked (a warning) and what passed. */
function logPermissions(r, log) {
    if (r.unchecked.length)
        log.warning(preflightWarnings.permissionsUnchecked(r.unchecked.map(uncheckedLine)));
    // No permission asked about: a plan without changes, or changes that the check cannot judge
    // (types the table lacks, data sources), which are still changes of genesyscloud_* resources.
    if (!r.permissions)
        log.info(r.planned || r.required
            ? `Permission check: ${describeChecked(r)}: nothing to judge${r.unchecked.length ? '; the warning above lists what was not checked' : ''}.`
            : 'Permission check: the plan changes no genesyscloud_* resource; nothing to check.');
    else if (!r.misses.length)
        log.info(`Permission check passed: ${describeChecked(r)}, against the client's ${plural(r.roles, 'role')}. Permissions only: the apply can still fail for other reasons.`);
}
const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
function describeChecked(r) {
    const parts = [
        ...(r.planned !== undefined
            ? [`${r.checkedChanges} of ${plural(r.planned, 'resource change')}`]
            : []),
        ...(r.required ? [plural(r.required, 'required permission')] : [])
    ];
    return `${parts.join(' and ')} checked (${plural(r.permissions, 'distinct permission')})`;
}
/** The failure of a check with misses: grouped by permission, each line `address: verb needs p`. */
function missingFailure(r) {
    const planned = r.misses.some(m => m.address !== undefined);
    const listed = r.misses.some(m => m.address === undefined);
    const from = planned && listed ? 'both' : planned ? 'plan' : 'required';
    return preflightErrors.permissionsMissing(byPermission(r).map(missLine), r.missing, from);
}
/** Misses grouped by permission, in plan order within each. */
const byPermission = (r) => [...r.misses].sort((a, b) => a.permissions.join(' ').localeCompare(b.permissions.join(' ')));
/**
 * The summary's section: misses first, then what could not be decided, bounded like the scope rows.
 * Each row is a list item (code spans, no table cells) and is redacted before code(): what it
 * changes (line breaks, `##[`) would split a secret that the summary's final redaction then
 * no longer finds.
 */
function permissionSection(p, redact) {
    let md = `\n### Permissions\n\n${describeChecked(p)}, against ${plural(p.roles, 'role')}.\n\n`;
    // The log shows fewer (SHOWN_ITEMS): past these rows only the output is complete.
    const list = (items, mark, rest = '') => {
        for (const item of items.slice(0, summary/* MAX_SCOPE_ROWS */.WJ))
            md += `- ${mark} ${(0,summary/* code */.aY)(redact(item), false)}\n`;
        if (items.length > summary/* MAX_SCOPE_ROWS */.WJ)
            md += `- and ${items.length - summary/* MAX_SCOPE_ROWS */.WJ} more${rest}\n`;
    };
    if (p.misses.length) {
        md += `Missing (the \`missing-permissions\` output lists them):\n\n`;
        list(byPermission(p).map(missLine), '❌', ' (every missing permission is in that output)');
    }
    else
        md += '✅ Nothing missing in what was checked (permissions only, not the apply itself).\n';
    if (p.unchecked.length) {
        md += `\nNot checked:\n\n`;
        list(p.unchecked.map(uncheckedLine), '⚠️');
    }
    return md;
}


/***/ })

};
