// Genesys Cloud regions: key (hyphenated, as the Terraform provider spells it) → domain.
// Each region has its own login host; a client of one region is unknown to every other.
export const REGIONS: Readonly<Record<string, string>> = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud'
}

export interface Region {
  key: string
  domain: string
}

/**
 * Resolves what users type: `eu-west-1`, `eu_west_1` (the SDKs' spelling; the gc CLI's for three
 * regions), either in any case, or the bare domain `mypurecloud.ie`. Undefined for anything else.
 */
export function resolveRegion(value: string): Region | undefined {
  const text = value.trim().toLowerCase().replace(/\.$/, '')
  const key = text.replace(/_/g, '-')
  if (Object.hasOwn(REGIONS, key)) return { key, domain: REGIONS[key] }
  for (const [k, domain] of Object.entries(REGIONS)) {
    if (domain === text) return { key: k, domain }
  }
  return undefined
}

export const loginUrlOf = (region: Region): string => `https://login.${region.domain}`
export const apiUrlOf = (region: Region): string => `https://api.${region.domain}`
