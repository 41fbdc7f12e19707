// Stand-in for `@actions/exec`, put in place of the real one for @actions/core by the overrides
// entry of the root package.json. @actions/core imports it (and through it @actions/io) only for
// core.platform.getDetails(), which runs lsb_release, sw_vers or powershell to name the OS; this
// action never calls it, and the real pair is ~11 KB of the bundle. getExecOutput rejects, so a
// future call fails loudly instead of answering with made-up details. __tests__/shims.test.ts
// checks that every name @actions/core imports from @actions/exec is exported here.
export async function getExecOutput() {
  throw new Error('@actions/exec is not bundled with genesys-cloud-auth')
}
