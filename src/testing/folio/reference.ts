/**
 * FOLIO's common reference data, as a fresh FOLIO tenant ships it (the names and codes of
 * mod-inventory-storage's `reference-data/`, RDA content/carrier terms, MARC relators): what
 * FolioClient's reference-data properties read. Ids are derived from type and name, so they are the
 * same in every tenant and every run, as FOLIO's shipped reference UUIDs are.
 */
import type { FolioCollectionName } from './record-types.js'
import type { FolioRecord } from './state.js'

/** A version-4-shaped UUID from a name (FNV-1a rounds; stable across runs). */
export function nameUuid(name: string): string {
  let hex = ''
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
    hex += (h >>> 0).toString(16).padStart(8, '0')
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export const refId = (type: FolioCollectionName, name: string) => nameUuid(`${type}:${name}`)

type Row = Record<string, unknown> & { name: string }

const named = (names: readonly string[], extra: Record<string, unknown> = {}): Row[] => names.map((name) => ({ name, ...extra }))
const coded = (pairs: readonly (readonly [string, string])[], source: string): Row[] => pairs.map(([name, code]) => ({ name, code, source }))

const IDENTIFIER_TYPES = [
  'ASIN', 'BNB', 'Cancelled GPO item number', 'Cancelled ISBN', 'Cancelled LCCN', 'Cancelled system control number', 'Control number',
  'DOI', 'GPO item number', 'Handle', 'ISBN', 'ISMN', 'ISSN', 'Invalid ISBN', 'Invalid ISMN', 'Invalid ISSN', 'Invalid UPC', 'LCCN',
  'Linking ISSN', 'Local identifier', 'OCLC', 'Other standard identifier', 'Publisher or distributor number', 'Report number',
  'StEdNL', 'System control number', 'UKMac', 'UPC', 'URN',
]
const CONTRIBUTOR_TYPES = [
  ['Actor', 'act'], ['Adapter', 'adp'], ['Arranger', 'arr'], ['Artist', 'art'], ['Author', 'aut'], ['Compiler', 'com'],
  ['Composer', 'cmp'], ['Conductor', 'cnd'], ['Contributor', 'ctb'], ['Creator', 'cre'], ['Director', 'drt'], ['Editor', 'edt'],
  ['Illustrator', 'ill'], ['Interviewer', 'ivr'], ['Lyricist', 'lyr'], ['Narrator', 'nrt'], ['Performer', 'prf'], ['Photographer', 'pht'],
  ['Producer', 'pro'], ['Publisher', 'pbl'], ['Singer', 'sng'], ['Translator', 'trl'], ['Writer of introduction', 'win'],
] as const
const INSTANCE_TYPES = [
  ['cartographic dataset', 'crd'], ['cartographic image', 'cri'], ['cartographic moving image', 'crm'], ['cartographic tactile image', 'crt'],
  ['cartographic three-dimensional form', 'crf'], ['computer dataset', 'cod'], ['computer program', 'cop'], ['notated movement', 'ntv'],
  ['notated music', 'ntm'], ['performed music', 'prm'], ['sounds', 'snd'], ['spoken word', 'spw'], ['still image', 'sti'],
  ['tactile image', 'tci'], ['tactile notated music', 'tcm'], ['tactile text', 'tct'], ['text', 'txt'], ['three-dimensional form', 'tdf'],
  ['three-dimensional moving image', 'tdm'], ['two-dimensional moving image', 'tdi'], ['other', 'xxx'], ['unspecified', 'zzz'],
] as const
const INSTANCE_FORMATS = [
  ['audio -- audio disc', 'sd'], ['audio -- audiocassette', 'ss'], ['audio -- online resource', 'sr'], ['computer -- computer disc', 'cd'],
  ['computer -- online resource', 'cr'], ['microform -- microfiche', 'he'], ['microform -- microfilm reel', 'hj'],
  ['projected image -- slide', 'gs'], ['unmediated -- card', 'no'], ['unmediated -- sheet', 'nb'], ['unmediated -- volume', 'nc'],
  ['video -- videocassette', 'vf'], ['video -- videodisc', 'vd'], ['video -- online resource', 'cz'],
] as const
const STATISTICAL_CODE_TYPES = [['ARL (Collection stats)', 'ARL'], ['DISC (Discovery)', 'DISC'], ['RECM (Record management)', 'RECM'], ['SERM (Serial management)', 'SERM']] as const
const STATISTICAL_CODES = [
  ['ebooks', 'Books, electronic (ebooks)', 'ARL (Collection stats)'], ['books', 'Book, print (books)', 'ARL (Collection stats)'],
  ['serials', 'Serials, print (serials)', 'ARL (Collection stats)'], ['music', 'Music scores, print (music)', 'ARL (Collection stats)'],
  ['compfiles', 'Computer files, CDs, etc (compfiles)', 'ARL (Collection stats)'], ['audstream', 'Streaming audio (audstream)', 'DISC (Discovery)'],
  ['vidstream', 'Streaming video (vidstream)', 'DISC (Discovery)'], ['withdrawn', 'Withdrawn (withdrawn)', 'RECM (Record management)'],
  ['arch', 'Archival collection (arch)', 'RECM (Record management)'], ['ASER', 'Active serial', 'SERM (Serial management)'],
] as const
const AUTHORITY_SOURCE_FILES = [
  ['LC Name Authority file (LCNAF)', ['n', 'nb', 'nr', 'no'], 'Names', 'id.loc.gov/authorities/names/'],
  ['LC Subject Headings (LCSH)', ['sh'], 'Subjects', 'id.loc.gov/authorities/subjects/'],
  ["LC Children's Subject Headings", ['sj'], 'Subjects', 'id.loc.gov/authorities/childrensSubjects/'],
  ['LC Genre/Form Terms (LCGFT)', ['gf'], 'Genre', 'id.loc.gov/authorities/genreForms/'],
  ['LC Demographic Group Terms (LCFGT)', ['dg'], 'Subjects', 'id.loc.gov/authorities/demographicTerms/'],
  ['LC Medium of Performance Thesaurus for Music (LCMPT)', ['mp'], 'Subjects', 'id.loc.gov/authorities/performanceMediums/'],
  ['Faceted Application of Subject Terminology (FAST)', ['fst'], 'Subjects', 'id.worldcat.org/fast/'],
  ['Medical Subject Headings (MeSH)', ['D'], 'Subjects', 'id.nlm.nih.gov/mesh/'],
  ['Thesaurus for Graphic Materials (TGM)', ['tgm'], 'Subjects', 'id.loc.gov/vocabulary/graphicMaterials/'],
  ['Art & architecture thesaurus (AAT)', ['aat'], 'Subjects', 'vocab.getty.edu/aat/'],
  ['Rare Books and Manuscripts Section (RBMS)', ['rbmscv'], 'Subjects', 'id.loc.gov/vocabulary/rbmscv/'],
] as const

/** The reference tables (everything but users, groups, loans, items) of one tenant. */
export function referenceRows(): Partial<Record<FolioCollectionName, Row[]>> {
  return {
    identifierTypes: named(IDENTIFIER_TYPES, { source: 'folio' }),
    contributorTypes: coded(CONTRIBUTOR_TYPES, 'marcrelator'),
    contributorNameTypes: [
      { name: 'Personal name', ordering: '1' },
      { name: 'Corporate name', ordering: '2' },
      { name: 'Meeting name', ordering: '3' },
    ],
    instanceTypes: coded(INSTANCE_TYPES, 'rdacontent'),
    instanceFormats: coded(INSTANCE_FORMATS, 'rdacarrier'),
    alternativeTitleTypes: named(
      ['Added title page title', 'Caption title', 'Cover title', 'Distinctive title', 'Former title', 'No type specified', 'Other title', 'Parallel title', 'Running title', 'Spine title', 'Uniform title', 'Variant title'],
      { source: 'folio' },
    ),
    materialTypes: named(['book', 'dvd', 'electronic resource', 'microform', 'sound recording', 'text', 'unspecified', 'video recording'], { source: 'folio' }),
    loanTypes: named(['Can circulate', 'Course reserves', 'Reading room', 'Selected']),
    statisticalCodeTypes: STATISTICAL_CODE_TYPES.map(([name]) => ({ name, source: 'folio' })),
    statisticalCodes: STATISTICAL_CODES.map(([code, name, type]) => ({ name, code, statisticalCodeTypeId: refId('statisticalCodeTypes', type), source: 'folio' })),
    holdingsTypes: named(['Electronic', 'Monograph', 'Multi-part monograph', 'Physical', 'Serial'], { source: 'folio' }),
    callNumberTypes: named(
      ['Dewey Decimal classification', 'Library of Congress classification', 'Library of Congress classification (local)', 'National Library of Medicine classification', 'Other scheme', 'Shelved separately', 'Shelving control number', 'Source specified in subfield $2', 'Superintendent of Documents classification', 'Title', 'UDC'],
      { source: 'system' },
    ),
    modesOfIssuance: named(['integrating resource', 'multipart monograph', 'serial', 'single unit', 'unspecified'], { source: 'rdamodeissue' }),
    electronicAccessRelationships: named(['No display constant generated', 'No information provided', 'Related resource', 'Resource', 'Version of resource'], { source: 'folio' }),
    instanceNoteTypes: named(
      ['Accessibility note', 'Bibliography note', 'Citation / references note', 'Formatted contents note', 'General note', 'Language note', 'Local notes', 'Reproduction note', 'Source of description note', 'Summary', 'Target audience note'],
      { source: 'folio' },
    ),
    classificationTypes: named(['Additional Dewey', 'Canadian Classification', 'Dewey', 'GDC', 'LC', 'LC (local)', 'NLM', 'National Agricultural Library', 'SUDOC', 'UDC'], { source: 'folio' }),
    holdingsNoteTypes: named(['Action note', 'Binding', 'Copy note', 'Electronic bookplate', 'Note', 'Provenance', 'Reproduction'], { source: 'folio' }),
    subjectTypes: named(
      ['Chronological term', 'Corporate name', 'Faceted topical terms', 'Genre/form', 'Geographic name', 'Meeting name', 'Named event', 'Personal name', 'Topical term', 'Uncontrolled', 'Uniform title'],
      { source: 'folio' },
    ),
    authoritySourceFiles: AUTHORITY_SOURCE_FILES.map(([name, codes, type, baseUrl]) => ({ name, codes: [...codes], type, baseUrl, source: 'folio', selectable: false, hridManagement: {}, _version: 0 })),
    organizations: [
      { name: 'GOBI Library Solutions', code: 'GOBI', status: 'Active', isVendor: true, language: 'eng', aliases: [{ value: 'YBP' }] },
      { name: 'EBSCO Information Services', code: 'EBSCO', status: 'Active', isVendor: true, language: 'eng', aliases: [] },
      { name: 'ProQuest', code: 'PROQUEST', status: 'Active', isVendor: true, language: 'eng', aliases: [] },
      { name: 'Harrassowitz', code: 'HARRA', status: 'Active', isVendor: true, language: 'ger', aliases: [] },
      { name: 'Library of Congress', code: 'LOC', status: 'Active', isVendor: false, language: 'eng', aliases: [] },
      { name: 'Old Books Ltd', code: 'OLDB', status: 'Inactive', isVendor: true, language: 'eng', aliases: [] },
    ],
  }
}

/** Rows with their ids and metadata, ready for a collection. */
export function referenceRecords(type: FolioCollectionName, rows: readonly Row[], metadata: Record<string, unknown>): FolioRecord[] {
  return rows.map((row) => ({ id: refId(type, row.name), ...row, metadata: { ...metadata } }))
}
