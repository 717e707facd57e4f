/** State of the FOLIO fake: tenants with their collections and credentials, and issued tokens. */
import { seededRandom } from '../faults.js'
import { RECORD_TYPES, type FolioCollectionName } from './record-types.js'
import { referenceRecords, referenceRows, refId } from './reference.js'

export type { FolioCollectionName } from './record-types.js'

/** A FOLIO record: JSON with a string `id`. */
export interface FolioRecord {
  id: string
  [field: string]: unknown
}

/** One collection: served at `/<path>` (list, create) and `/<path>/<id>` (get, replace, delete); lists under `key`. */
export interface FolioCollection {
  readonly path: string
  readonly key: string
  readonly records: Map<string, FolioRecord>
  /** Bumped on every write (invalidates the fake's query caches). */
  version: number
}

export interface FolioTenant {
  readonly id: string
  readonly collections: Record<FolioCollectionName, FolioCollection>
  /** username → password and user id; only these can log in. */
  readonly credentials: Map<string, { password: string; userId: string }>
}

export interface FolioToken {
  kind: 'access' | 'refresh' | 'legacy'
  tenant: string
  username: string
  userId: string
  /** Epoch ms (fake clock). */
  expiresAt: number
  revoked: boolean
}

export interface FolioCounters {
  /** `POST /authn/login-with-expiry` that succeeded. */
  logins: number
  /** `POST /authn/login` (legacy) that succeeded. */
  legacyLogins: number
  /** `POST /authn/refresh` that succeeded. */
  refreshes: number
  /** `POST /authn/refresh` refused (unknown, used or expired refresh token). */
  refusedRefreshes: number
  logouts: number
  /** Requests refused 400/401 for tenant or token problems. */
  rejected: number
  /** 403s answered by `fake.forbidNext`. */
  forbidden: number
  /** 5xx answered by `fake.failNext`. */
  failed: number
}

export interface FolioFakeState {
  readonly tenants: Map<string, FolioTenant>
  /** Every issued token (access, refresh, legacy) by value. */
  readonly tokens: Map<string, FolioToken>
  readonly counters: FolioCounters
  /** Access token lifetime, ms. */
  accessTokenTtl: number
  /** Refresh token lifetime, ms. */
  refreshTokenTtl: number
  /** Refresh tokens are single-use (a second use is refused), as in mod-login. */
  rotateRefreshTokens: boolean
  /** `limit` when a list request has none (FOLIO's default is 10). */
  defaultLimit: number
  /** The fake's clock. */
  now: () => number
}

/** A version-4-shaped UUID from the PRNG. */
export function uuid(random: () => number): string {
  let hex = ''
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export interface SeedOptions {
  users: number
  maxLoansPerUser: number
  seed: number
  username: string
  password: string
  now: number
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Donald', 'Margaret', 'Tim', 'Radia', 'Ken', 'Hedy', 'Linus', 'Karen', 'Dennis', 'Sophie']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Dijkstra', 'Allen', 'Knuth', 'Hamilton', 'Lee', 'Perlman', 'Thompson', 'Lamarr', 'Torvalds', 'Jones', 'Ritchie', 'Wilson', "O'Brien", 'Müller']
const GROUPS = ['staff', 'faculty', 'undergrad', 'graduate']
const LOCATIONS = [
  ['MAIN', 'Main Library'],
  ['ANNEX', 'Annex'],
  ['SCI', 'Science Library'],
  ['LAW', 'Law Library'],
  ['ONLINE', 'Online'],
  ['SPEC', 'Special Collections'],
] as const

function collection(path: string, key: string): FolioCollection {
  return { path, key, records: new Map(), version: 0 }
}

function metadata(at: string, userId: string) {
  return { createdDate: at, updatedDate: at, createdByUserId: userId, updatedByUserId: userId }
}

/** Seeds one tenant deterministically: the admin account first, then `users - 1` patrons, groups, locations, items and open loans. */
export function seedTenant(id: string, options: SeedOptions): FolioTenant {
  const random = seededRandom(options.seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const at = new Date(options.now).toISOString()
  const collections = Object.fromEntries(
    (Object.keys(RECORD_TYPES) as FolioCollectionName[]).map((name) => [name, collection(RECORD_TYPES[name].path, RECORD_TYPES[name].key)]),
  ) as Record<FolioCollectionName, FolioCollection>
  const add = (name: FolioCollectionName, record: FolioRecord) => collections[name].records.set(record.id, record)
  const adminId = uuid(random)
  const stamp = metadata(at, adminId)
  for (const [name, rows] of Object.entries(referenceRows()) as [FolioCollectionName, Parameters<typeof referenceRecords>[1]][]) {
    for (const record of referenceRecords(name, rows, stamp)) add(name, record)
  }
  // Locations live in institution → campus → library, each served at /location-units/…
  const institutionId = refId('institutions', 'Københavns Universitet')
  const campus = (name: string, code: string) => ({ id: refId('campuses', name), name, code, institutionId, metadata: { ...stamp } })
  const library = (name: string, code: string, campusId: string) => ({ id: refId('libraries', name), name, code, campusId, metadata: { ...stamp } })
  const servicePoint = (name: string, code: string, pickupLocation: boolean) => ({
    id: refId('servicePoints', name), name, code, discoveryDisplayName: name, shelvingLagTime: 0, pickupLocation,
    ...(pickupLocation && { holdShelfExpiryPeriod: { duration: 3, intervalId: 'Weeks' } }), staffSlips: [], metadata: { ...stamp },
  })
  add('institutions', { id: institutionId, name: 'Københavns Universitet', code: 'KU', metadata: { ...stamp } })
  const cityCampus = campus('City Campus', 'CC')
  const onlineCampus = campus('Online', 'E')
  for (const c of [cityCampus, onlineCampus]) add('campuses', c)
  const mainLibrary = library('Datalogisk Institut', 'DI', cityCampus.id)
  const onlineLibrary = library('Online', 'E', onlineCampus.id)
  for (const l of [mainLibrary, onlineLibrary]) add('libraries', l)
  const desks = [servicePoint('Circ Desk 1', 'cd1', true), servicePoint('Circ Desk 2', 'cd2', true), servicePoint('Online', 'Online', false)]
  for (const sp of desks) add('servicePoints', sp)
  const book = { id: refId('materialTypes', 'book'), name: 'book' }
  const canCirculate = { id: refId('loanTypes', 'Can circulate'), name: 'Can circulate' }

  const groupIds = GROUPS.map((group) => {
    const record = { id: uuid(random), group, desc: `${group[0]!.toUpperCase()}${group.slice(1)}`, metadata: metadata(at, adminId) }
    add('groups', record)
    return record.id
  })
  const locations = LOCATIONS.map(([code, name]) => {
    const online = code === 'ONLINE'
    const lib = online ? onlineLibrary : mainLibrary
    const desk = online ? desks[2]! : desks[0]!
    const record = {
      id: uuid(random), code, name, isActive: true, discoveryDisplayName: name,
      institutionId, campusId: lib.campusId, libraryId: lib.id, primaryServicePoint: desk.id, servicePointIds: [desk.id],
      metadata: metadata(at, adminId),
    }
    add('locations', record)
    return record
  })

  add('users', {
    id: adminId,
    username: options.username,
    active: true,
    barcode: '0000000',
    patronGroup: groupIds[0],
    departments: [],
    proxyFor: [],
    personal: { lastName: 'ADMINISTRATOR', firstName: id.toUpperCase(), email: `admin@${id}.example.org`, addresses: [] },
    createdDate: at,
    updatedDate: at,
    metadata: metadata(at, adminId),
    preferredEmailCommunication: [],
  })
  const credentials = new Map([[options.username, { password: options.password, userId: adminId }]])

  let itemCount = 0
  for (let n = 1; n < options.users; n++) {
    const firstName = pick(FIRST)
    const lastName = pick(LAST)
    const username = `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}${n}`
    const userId = uuid(random)
    add('users', {
      id: userId,
      username,
      active: n % 10 !== 0,
      barcode: String(1_000_000 + n),
      patronGroup: pick(groupIds),
      departments: [],
      proxyFor: [],
      personal: { lastName, firstName, email: `${username}@${id}.example.org`, addresses: [] },
      createdDate: at,
      updatedDate: at,
      metadata: metadata(at, adminId),
      preferredEmailCommunication: [],
    })
    const loans = Math.floor(random() * (options.maxLoansPerUser + 1))
    for (let l = 0; l < loans; l++) {
      const location = pick(locations)
      const itemId = uuid(random)
      const barcode = String(5_000_000 + ++itemCount)
      add('items', {
        id: itemId,
        hrid: `it${String(itemCount).padStart(9, '0')}`,
        barcode,
        status: { name: 'Checked out', date: at },
        materialType: { ...book },
        permanentLoanType: { ...canCirculate },
        permanentLocation: { id: location.id, name: location.name },
        effectiveLocation: { id: location.id, name: location.name },
        metadata: metadata(at, adminId),
      })
      const due = new Date(options.now + (7 + Math.floor(random() * 21)) * 86_400_000).toISOString()
      add('loans', {
        id: uuid(random),
        userId,
        itemId,
        status: { name: 'Open' },
        action: 'checkedout',
        loanDate: at,
        dueDate: due,
        item: { id: itemId, barcode, title: `Book ${itemCount}` },
        metadata: metadata(at, adminId),
      })
    }
  }
  return { id, collections, credentials }
}
