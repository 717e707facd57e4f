import { seededRandom } from '../faults.js'
// State of the Wiki.js fake: pages, tags, users and site config, seeded deterministically.

/** A page as the fake stores it (Wiki.js's `pages` table, tags by id). */
export interface WikijsFakePage {
  id: number
  path: string
  locale: string
  hash: string
  title: string
  description: string
  isPrivate: boolean
  isPublished: boolean
  privateNS: string | null
  /** `''` when unset, as Wiki.js stores it. */
  publishStartDate: string
  publishEndDate: string
  content: string
  render: string
  toc: string
  contentType: string
  editor: string
  scriptCss: string
  scriptJs: string
  createdAt: string
  updatedAt: string
  authorId: number
  creatorId: number
  tagIds: number[]
}

export interface WikijsFakeTag {
  id: number
  tag: string
  title: string
  createdAt: string
  updatedAt: string
}

export interface WikijsFakeUser {
  id: number
  name: string
  email: string
  /** Password of the `local` strategy (`authentication.login`); without one the user cannot log in. */
  password?: string
  /** `'all'` for the Administrators group; else the permissions of the user's groups. Default: the "Users" group's. */
  permissions?: 'all' | string[]
}

/** A row of `pageHistory`: the page as it was before an update, a move or a delete. */
export interface WikijsFakeVersion {
  id: number
  pageId: number
  /** `updated`, `moved` or `deleted`. */
  action: string
  /** The page's `updatedAt` when this version was current. */
  versionDate: string
  /** When the version was written. */
  createdAt: string
  authorId: number
  path: string
  locale: string
  hash: string
  title: string
  description: string
  content: string
  contentType: string
  editor: string
  isPrivate: boolean
  isPublished: boolean
  publishStartDate: string
  publishEndDate: string
}

/** Every field of Wiki.js 2.5's `SiteConfig`. */
export interface WikijsFakeSiteConfig {
  host: string
  title: string
  description: string
  robots: string[]
  analyticsService: string
  analyticsId: string
  company: string
  contentLicense: string
  footerOverride: string
  logoUrl: string
  pageExtensions: string
  authAutoLogin: boolean
  authEnforce2FA: boolean
  authHideLocal: boolean
  authLoginBgUrl: string
  authJwtAudience: string
  authJwtExpiration: string
  authJwtRenewablePeriod: string
  editFab: boolean
  editMenuBar: boolean
  editMenuBtn: boolean
  editMenuExternalBtn: boolean
  editMenuExternalName: string
  editMenuExternalIcon: string
  editMenuExternalUrl: string
  featurePageRatings: boolean
  featurePageComments: boolean
  featurePersonalWikis: boolean
  securityOpenRedirect: boolean
  securityIframe: boolean
  securityReferrerPolicy: boolean
  securityTrustProxy: boolean
  securitySRI: boolean
  securityHSTS: boolean
  securityHSTSDuration: number
  securityCSP: boolean
  securityCSPDirectives: string
  uploadMaxFileSize: number
  uploadMaxFiles: number
  uploadScanSVG: boolean
  uploadForceDownload: boolean
}

/** A row of `apiKeys`; `key` is what a client sends as `Bearer`. */
export interface WikijsFakeApiKey {
  id: number
  name: string
  key: string
  expiration: string
  createdAt: string
  updatedAt: string
  isRevoked: boolean
}

export interface WikijsFakeState {
  /** The one valid API key (full access, acting as user 1). */
  readonly apiKey: string
  /** Set by `expireCredentials()`: the key then counts as expired and requests run as Guest. */
  credentialsExpired: boolean
  /** Permissions of Guest (bad, expired or missing key). Default none. */
  guestPermissions: string[]
  readonly pages: Map<number, WikijsFakePage>
  readonly tags: Map<number, WikijsFakeTag>
  readonly users: Map<number, WikijsFakeUser>
  /** Page history (`pageHistory`) by version id. */
  readonly versions: Map<number, WikijsFakeVersion>
  /** API keys (`authentication.apiKeys`); the first is {@link apiKey}. */
  readonly apiKeys: WikijsFakeApiKey[]
  /** JWTs issued by `authentication.login`, each good as a `Bearer` for its user until `expireCredentials()`. */
  readonly sessions: Map<string, number>
  /** `site.config`: every `SiteConfig` field, as a fresh Wiki.js 2.5 install answers it. */
  site: WikijsFakeSiteConfig
  nextPageId: number
  nextVersionId: number
  nextTagId: number
  /** Logical clock (ms since epoch) for `createdAt`/`updatedAt` of writes; advances 1 s per write. */
  clock: number
}

const SEED_START = Date.UTC(2024, 0, 1)
const WRITE_START = Date.UTC(2025, 0, 1)
const HOUR = 3_600_000

/** Stand-in for Wiki.js's sha1 page hash (no Node crypto here): FNV-1a, 40 hex chars. */
export function pageHash(locale: string, path: string, privateNS = ''): string {
  const input = `${locale}|${path}|${privateNS}`
  let out = ''
  for (let round = 0; round < 5; round++) {
    let h = 0x811c9dc5 ^ round
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out
}

/** Content type of an editor, as `WIKI.data.editors` maps it. */
export function contentTypeOf(editor: string): string {
  if (editor === 'markdown') return 'markdown'
  if (editor === 'ckeditor' || editor === 'code') return 'html'
  return 'text'
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A minimal render: paragraphs of escaped text, Markdown links `[text](url)` as anchors (the fake has no full Markdown pipeline). */
export function renderContent(content: string): string {
  return content
    .split(/\n{2,}/)
    .map((block) => {
      const parts = block.trim().split(/(\[[^\]\n]*\]\([^)\s]+\))/)
      const html = parts.map((part) => {
        const link = /^\[([^\]\n]*)\]\(([^)\s]+)\)$/.exec(part)
        return link ? `<a href="${escapeHtml(link[2]!)}">${escapeHtml(link[1]!)}</a>` : escapeHtml(part)
      })
      return `<p>${html.join('')}</p>`
    })
    .join('\n')
}

/** Advances the logical clock and returns the new ISO timestamp. */
export function tick(state: WikijsFakeState): string {
  state.clock += 1000
  return new Date(state.clock).toISOString()
}

/** Wiki.js's `associateTags`: lower-cases and trims, creates missing tags, replaces the page's set. Throws on a missing list, as 2.x does. */
export function associateTags(state: WikijsFakeState, page: WikijsFakePage, tags: readonly (string | null)[] | null | undefined): void {
  if (!tags) throw new TypeError("Cannot read properties of undefined (reading 'map')")
  const names = [...new Set(tags.filter((t): t is string => typeof t === 'string').map((t) => t.trim().toLowerCase()))].filter((t) => t !== '')
  page.tagIds = names.map((name) => tagByName(state, name)?.id ?? createTag(state, name).id)
}

export function tagByName(state: WikijsFakeState, name: string): WikijsFakeTag | undefined {
  for (const tag of state.tags.values()) if (tag.tag === name) return tag
  return undefined
}

function createTag(state: WikijsFakeState, name: string, at?: string): WikijsFakeTag {
  const now = at ?? tick(state)
  const tag: WikijsFakeTag = { id: state.nextTagId++, tag: name, title: name, createdAt: now, updatedAt: now }
  state.tags.set(tag.id, tag)
  return tag
}

export function findByPath(state: WikijsFakeState, path: string, locale: string): WikijsFakePage | undefined {
  for (const page of state.pages.values()) if (page.path === path && page.locale === locale) return page
  return undefined
}

const TOPICS = ['Getting Started', 'API Reference', 'Deployment Guide', 'Tutorial', 'Architecture', 'Troubleshooting', 'FAQ', 'Release Notes', 'Onboarding', 'Security']
const SECTIONS = ['docs', 'guides', 'api', 'howto', 'team', 'releases']
const TAG_POOL = ['api', 'guide', 'tutorial', 'reference', 'howto', 'internal', 'release', 'faq', 'security', 'onboarding']

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** Builds the seeded state: `count` pages (ids 1…count) in en/de/fr with tags, three users, a site config. */
export function seedState(count: number, apiKey: string, guestPermissions: string[]): WikijsFakeState {
  const state: WikijsFakeState = {
    apiKey,
    credentialsExpired: false,
    guestPermissions,
    pages: new Map(),
    tags: new Map(),
    users: new Map([
      [1, { id: 1, name: 'Administrator', email: 'admin@example.com', password: 'wikijs-fake-password', permissions: 'all' }],
      [2, { id: 2, name: 'Alice Martin', email: 'alice@example.com', password: 'wikijs-fake-password', permissions: [...USERS_GROUP] }],
      [3, { id: 3, name: 'Bob Chen', email: 'bob@example.com', password: 'wikijs-fake-password', permissions: [...USERS_GROUP] }],
    ]),
    versions: new Map(),
    apiKeys: [
      {
        id: 1,
        name: 'isosdk fake',
        key: apiKey,
        expiration: new Date(Date.UTC(2099, 0, 1)).toISOString(),
        createdAt: new Date(SEED_START).toISOString(),
        updatedAt: new Date(SEED_START).toISOString(),
        isRevoked: false,
      },
    ],
    sessions: new Map(),
    site: siteConfig(),
    nextPageId: 1,
    nextVersionId: 1,
    nextTagId: 1,
    clock: WRITE_START,
  }
  const tagTime = new Date(SEED_START).toISOString()
  for (const name of TAG_POOL) createTag(state, name, tagTime)

  const random = seededRandom(4)
  for (let i = 1; i <= count; i++) {
    const locale = i % 10 === 0 ? 'de' : i % 10 === 5 ? 'fr' : 'en'
    const topic = TOPICS[Math.floor(random() * TOPICS.length)] as string
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)] as string
    const title = i === 1 ? 'Home' : `${topic} ${i}`
    const path = i === 1 ? 'home' : `${section}/${slugify(topic)}-${i}`
    const editor = i % 7 === 0 ? 'ckeditor' : 'markdown'
    const tagCount = 1 + Math.floor(random() * 3)
    const tagIds = new Set<number>()
    while (tagIds.size < tagCount) tagIds.add(1 + Math.floor(random() * TAG_POOL.length))
    const created = SEED_START + i * 6 * HOUR
    const updated = created + Math.floor(random() * 30 * 24) * HOUR
    const author = 1 + Math.floor(random() * 3)
    const content = `# ${title}\n\nThis page covers ${topic.toLowerCase()} for section ${section}.\n\nSee also [Home](/${locale}/home) and the ${TOPICS[(i + 3) % TOPICS.length]} pages.`
    const page: WikijsFakePage = {
      id: state.nextPageId++,
      path,
      locale,
      hash: pageHash(locale, path),
      title,
      description: `About ${title.toLowerCase()}`,
      isPrivate: false,
      isPublished: i % 23 !== 0,
      privateNS: null,
      publishStartDate: '',
      publishEndDate: '',
      content,
      render: renderContent(content),
      toc: '[]',
      contentType: contentTypeOf(editor),
      editor,
      scriptCss: '',
      scriptJs: '',
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      authorId: author,
      creatorId: i % 2 === 0 ? author : 1,
      tagIds: [...tagIds].sort((a, b) => a - b),
    }
    state.pages.set(page.id, page)
    // Every fourth page was edited once after its creation: one `updated` version in its history.
    if (i % 4 === 0) {
      const before = content.replace('This page covers', 'Draft: covers')
      addVersion(state, { ...page, content: before, updatedAt: page.createdAt, authorId: page.creatorId }, 'updated', page.createdAt)
    }
  }
  return state
}

/** Wiki.js's `pageHistory.addVersion`: a snapshot of `page` as it is now, before a change. */
export function addVersion(state: WikijsFakeState, page: WikijsFakePage, action: string, createdAt = new Date(state.clock).toISOString()): WikijsFakeVersion {
  const version: WikijsFakeVersion = {
    id: state.nextVersionId++,
    pageId: page.id,
    action,
    versionDate: page.updatedAt,
    createdAt,
    authorId: page.authorId,
    path: page.path,
    locale: page.locale,
    hash: page.hash,
    title: page.title,
    description: page.description,
    content: page.content,
    contentType: page.contentType,
    editor: page.editor,
    isPrivate: page.isPrivate,
    isPublished: page.isPublished,
    publishStartDate: page.publishStartDate,
    publishEndDate: page.publishEndDate,
  }
  state.versions.set(version.id, version)
  return version
}

/** Permissions of Wiki.js's default "Users" group. */
export const USERS_GROUP: readonly string[] = ['read:pages', 'read:assets', 'read:comments', 'write:comments']

/** `site.config` of a fresh 2.5 install, with the fake's title, host and company. */
function siteConfig(): WikijsFakeSiteConfig {
  return {
    host: 'https://wiki.example.com',
    title: 'Example Wiki',
    description: 'A Wiki.js fake',
    robots: ['index', 'follow'],
    analyticsService: '',
    analyticsId: '',
    company: 'Example Corp',
    contentLicense: 'cc-by-sa',
    footerOverride: '',
    logoUrl: 'https://static.requarks.io/logo/wikijs-butterfly.svg',
    pageExtensions: 'md, html, txt',
    authAutoLogin: false,
    authEnforce2FA: false,
    authHideLocal: false,
    authLoginBgUrl: '',
    authJwtAudience: 'urn:wiki.js',
    authJwtExpiration: '30m',
    authJwtRenewablePeriod: '14d',
    editFab: true,
    editMenuBar: false,
    editMenuBtn: true,
    editMenuExternalBtn: true,
    editMenuExternalName: 'GitHub',
    editMenuExternalIcon: 'mdi-github',
    editMenuExternalUrl: 'https://github.com/org/repo/blob/main/{filename}',
    featurePageRatings: true,
    featurePageComments: true,
    featurePersonalWikis: true,
    securityOpenRedirect: true,
    securityIframe: true,
    securityReferrerPolicy: true,
    securityTrustProxy: false,
    securitySRI: true,
    securityHSTS: false,
    securityHSTSDuration: 300,
    securityCSP: false,
    securityCSPDirectives: '',
    uploadMaxFileSize: 5242880,
    uploadMaxFiles: 10,
    uploadScanSVG: true,
    uploadForceDownload: true,
  }
}
