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
  site: { title: string; description: string; host: string; company: string; contentLicense: string; logoUrl: string }
  nextPageId: number
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
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A minimal render: paragraphs of escaped text (the fake has no Markdown pipeline). */
export function renderContent(content: string): string {
  return content
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block.trim())}</p>`)
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
      [1, { id: 1, name: 'Administrator', email: 'admin@example.com' }],
      [2, { id: 2, name: 'Alice Martin', email: 'alice@example.com' }],
      [3, { id: 3, name: 'Bob Chen', email: 'bob@example.com' }],
    ]),
    site: {
      title: 'Example Wiki',
      description: 'A Wiki.js fake',
      host: 'https://wiki.example.com',
      company: 'Example Corp',
      contentLicense: 'cc-by-sa',
      logoUrl: 'https://static.requarks.io/logo/wikijs-butterfly.svg',
    },
    nextPageId: 1,
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
    const content = `# ${title}\n\nThis page covers ${topic.toLowerCase()} for section ${section}.\n\nSee also the ${TOPICS[(i + 3) % TOPICS.length]} pages.`
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
  }
  return state
}
