/**
 * Every record type the FOLIO fake serves: where (path, collection key) and its shape, written from
 * the owning module's real JSON schema (folio-org `ramls/*.json`; `closed` where the schema says
 * `additionalProperties: false`). A write is checked against the shape before anything is stored.
 */
import { any, bool, closed, int, list, metadata, num, oneOf, open, str, strings, type Shape } from './shape.js'

export type FolioCollectionName =
  | 'users' | 'groups' | 'locations' | 'loans' | 'items'
  | 'institutions' | 'campuses' | 'libraries' | 'servicePoints'
  | 'identifierTypes' | 'contributorTypes' | 'contributorNameTypes' | 'instanceTypes' | 'instanceFormats'
  | 'alternativeTitleTypes' | 'materialTypes' | 'loanTypes' | 'statisticalCodeTypes' | 'statisticalCodes'
  | 'holdingsTypes' | 'callNumberTypes' | 'modesOfIssuance' | 'electronicAccessRelationships'
  | 'instanceNoteTypes' | 'classificationTypes' | 'holdingsNoteTypes' | 'subjectTypes'
  | 'authoritySourceFiles' | 'organizations'

export interface FolioRecordType {
  /** Served at `/<path>` (list, create) and `/<path>/<id>` (get, replace, delete). */
  path: string
  /** The list's array key (`{ <key>: [...], totalRecords }`). */
  key: string
  /** What a 404 says (`User not found`; RMB storage modules say `Not found`). */
  notFound: string
  shape: Shape
  /** The schema the shape was written from. */
  schema: string
  /** Fields that must be unique (case-insensitive), as the module's unique index. */
  unique?: readonly string[]
}

const withId = (properties: Record<string, Shape>) => ({ id: str, ...properties, metadata })
/** A reference-data record of mod-inventory-storage: `id`, `name`, …, `metadata`. */
const ref = (properties: Record<string, Shape>, required: readonly string[], isClosed: boolean): Shape =>
  (isClosed ? closed : open)(withId({ name: str, ...properties }), required)
const inventory = (path: string, key: string, file: string, shape: Shape): FolioRecordType => ({
  path, key, notFound: 'Not found', shape, schema: `mod-inventory-storage ramls/${file}`, unique: ['name'],
})

const address = closed(
  { id: str, countryId: str, addressLine1: str, addressLine2: str, city: str, region: str, postalCode: str, addressTypeId: str, primaryAddress: bool },
  ['addressTypeId'],
)
const personal = closed(
  {
    lastName: str, firstName: str, middleName: str, preferredFirstName: str, pronouns: str, email: str, phone: str, mobilePhone: str,
    dateOfBirth: str, addresses: list(address), preferredContactTypeId: str, profilePictureLink: str,
  },
  ['lastName'],
)
const user = closed(
  withId({
    username: str, externalSystemId: str, barcode: str, active: bool, type: str, patronGroup: str, departments: strings,
    meta: open(), proxyFor: strings, personal, enrollmentDate: str, expirationDate: str, createdDate: str, updatedDate: str,
    tags: open({ tagList: strings }), customFields: open(), preferredEmailCommunication: list(oneOf(['Support', 'Programs', 'Services'])),
  }),
)

const idName = (required: readonly string[] = ['id']) => closed({ id: str, name: str }, required)
const ITEM_STATUSES = [
  'Aged to lost', 'Available', 'Awaiting pickup', 'Awaiting delivery', 'Checked out', 'Claimed returned', 'Declared lost',
  'In process', 'In process (non-requestable)', 'In transit', 'Intellectual item', 'Long missing', 'Lost and paid', 'Missing',
  'On order', 'Order closed', 'Paged', 'Restricted', 'Unavailable', 'Unknown', 'Withdrawn',
]
const item = closed(
  withId({
    hrid: str, holdingsRecordId: str, formerIds: strings, discoverySuppress: bool, title: str, contributorNames: list(open({ name: str })),
    callNumber: str, barcode: str, accessionNumber: str, itemLevelCallNumber: str, itemLevelCallNumberPrefix: str,
    itemLevelCallNumberSuffix: str, itemLevelCallNumberTypeId: str, effectiveCallNumberComponents: open({ callNumber: str, prefix: str, suffix: str, typeId: str }),
    volume: str, enumeration: str, chronology: str, yearCaption: strings, itemIdentifier: str, copyNumber: str, numberOfPieces: str,
    descriptionOfPieces: str, numberOfMissingPieces: str, missingPieces: str, missingPiecesDate: str, itemDamagedStatusId: str,
    itemDamagedStatusDate: str, administrativeNotes: strings, notes: list(open({ itemNoteTypeId: str, note: str, staffOnly: bool })),
    circulationNotes: list(open({ noteType: oneOf(['Check in', 'Check out']), note: str, staffOnly: bool })),
    status: closed({ name: oneOf(ITEM_STATUSES), date: str }, ['name']),
    materialType: idName(), permanentLoanType: idName(), temporaryLoanType: idName(), permanentLocation: idName(), temporaryLocation: idName(),
    effectiveLocation: open({ id: str, name: str }), electronicAccess: list(open({ uri: str }, ['uri'])), statisticalCodeIds: strings,
    purchaseOrderLineIdentifier: str, tags: open({ tagList: strings }), lastCheckIn: open({ dateTime: str, servicePointId: str, staffMemberId: str }),
    inTransitDestinationServicePointId: str, effectiveShelvingOrder: str, displaySummary: str, isBoundWith: bool, boundWithTitles: list(any),
    order: int, additionalCallNumbers: list(any), _version: int,
  }),
  ['materialType', 'permanentLoanType', 'status'],
)
const loan = open(
  withId({
    userId: str, proxyUserId: str, itemId: str, loanPolicyId: str, overdueFinePolicyId: str, lostItemPolicyId: str,
    borrower: open({ firstName: str, lastName: str, middleName: str, barcode: str }),
    item: open({ id: str, title: str, barcode: str, holdingsRecordId: str, instanceId: str }),
    itemEffectiveLocationIdAtCheckOut: str, status: open({ name: str }), loanDate: str, dueDate: str, returnDate: str,
    systemReturnDate: str, action: str, actionComment: str, renewalCount: int, dueDateChangedByRecall: bool,
    dueDateChangedByNearExpireUser: bool, dueDateChangedByHold: bool, checkoutServicePointId: str, checkinServicePointId: str,
    patronGroupAtCheckout: open({ id: str, name: str }), feesAndFines: open({ amountRemainingToPay: num }), declaredLostDate: str,
  }),
  ['itemId', 'loanDate', 'action'],
)
const location = closed(
  withId({
    name: str, code: str, description: str, discoveryDisplayName: str, isActive: bool, institutionId: str, institution: open(),
    campusId: str, campus: open(), libraryId: str, library: open(), details: open(), primaryServicePoint: str,
    primaryServicePointObject: open(), servicePointIds: strings, servicePoints: list(open()), isFloatingCollection: bool, isShadow: bool,
  }),
  ['name', 'code', 'institutionId', 'campusId', 'libraryId', 'primaryServicePoint'],
)
const servicePoint = closed(
  withId({
    name: str, code: str, discoveryDisplayName: str, description: str, shelvingLagTime: int, pickupLocation: bool,
    holdShelfExpiryPeriod: open({ duration: int, intervalId: oneOf(['Minutes', 'Hours', 'Days', 'Weeks', 'Months']) }),
    holdShelfClosedLibraryDateManagement: str, staffSlips: list(open({ id: str, printByDefault: bool })),
    feeFineOwner: bool, ecsRequestRouting: bool, defaultCheckInActionForUseAtLocation: str,
  }),
  ['name', 'code', 'discoveryDisplayName'],
)

/** The record types by name. */
export const RECORD_TYPES: Record<FolioCollectionName, FolioRecordType> = {
  users: { path: 'users', key: 'users', notFound: 'User not found', shape: user, schema: 'mod-users ramls/userdata.json' },
  groups: {
    path: 'groups', key: 'usergroups', notFound: 'Group not found', schema: 'mod-users ramls/usergroup.json',
    shape: open(withId({ group: str, desc: str, expirationOffsetInDays: int, source: str }), ['group']),
  },
  locations: { path: 'locations', key: 'locations', notFound: 'Location not found', shape: location, schema: 'mod-inventory-storage ramls/locations/location.json', unique: ['name', 'code'] },
  loans: { path: 'circulation/loans', key: 'loans', notFound: 'Loan not found', shape: loan, schema: 'mod-circulation ramls/loan.json' },
  items: { path: 'inventory/items', key: 'items', notFound: 'Item not found', shape: item, schema: 'mod-inventory ramls/item.json' },
  institutions: inventory('location-units/institutions', 'locinsts', 'locinst.json', ref({ code: str, isShadow: bool }, ['name'], true)),
  campuses: inventory('location-units/campuses', 'loccamps', 'loccamp.json', ref({ code: str, institutionId: str, isShadow: bool }, ['name', 'institutionId'], true)),
  libraries: inventory('location-units/libraries', 'loclibs', 'loclib.json', ref({ code: str, campusId: str, isShadow: bool }, ['name', 'campusId'], true)),
  servicePoints: inventory('service-points', 'servicepoints', 'servicepoint.json', servicePoint),
  identifierTypes: inventory('identifier-types', 'identifierTypes', 'identifiertype.json', ref({ source: str }, ['name'], false)),
  contributorTypes: inventory('contributor-types', 'contributorTypes', 'contributortype.json', ref({ code: str, source: str }, ['name', 'code', 'source'], false)),
  contributorNameTypes: inventory('contributor-name-types', 'contributorNameTypes', 'contributornametype.json', ref({ ordering: str, source: str }, ['name'], false)),
  instanceTypes: inventory('instance-types', 'instanceTypes', 'instancetype.json', ref({ code: str, source: str }, ['name', 'code', 'source'], false)),
  instanceFormats: inventory('instance-formats', 'instanceFormats', 'instanceformat.json', ref({ code: str, source: str }, ['name', 'code', 'source'], false)),
  alternativeTitleTypes: inventory('alternative-title-types', 'alternativeTitleTypes', 'alternativetitletype.json', ref({ source: str }, ['name', 'source'], true)),
  materialTypes: inventory('material-types', 'mtypes', 'materialtype.json', ref({ source: str }, ['name'], true)),
  loanTypes: inventory('loan-types', 'loantypes', 'loantype.json', ref({ source: str }, ['name'], true)),
  statisticalCodeTypes: inventory('statistical-code-types', 'statisticalCodeTypes', 'statisticalcodetype.json', ref({ source: str }, ['name'], false)),
  statisticalCodes: {
    ...inventory('statistical-codes', 'statisticalCodes', 'statisticalcode.json', ref({ code: str, statisticalCodeTypeId: str, source: str }, ['code', 'name', 'statisticalCodeTypeId', 'source'], true)),
    unique: ['code'],
  },
  holdingsTypes: inventory('holdings-types', 'holdingsTypes', 'holdingstype.json', ref({ source: str }, ['name', 'source'], true)),
  callNumberTypes: inventory('call-number-types', 'callNumberTypes', 'callnumbertype.json', ref({ source: str }, ['name', 'source'], true)),
  modesOfIssuance: inventory('modes-of-issuance', 'issuanceModes', 'modeofissuance.json', ref({ source: str }, ['name'], false)),
  electronicAccessRelationships: inventory('electronic-access-relationships', 'electronicAccessRelationships', 'electronicaccessrelationship.json', ref({ source: str }, ['name'], false)),
  instanceNoteTypes: inventory('instance-note-types', 'instanceNoteTypes', 'instancenotetype.json', ref({ source: str }, ['name'], false)),
  classificationTypes: inventory('classification-types', 'classificationTypes', 'classificationtype.json', ref({ source: str }, ['name'], false)),
  holdingsNoteTypes: inventory('holdings-note-types', 'holdingsNoteTypes', 'holdingsnotetype.json', ref({ source: str }, ['name'], false)),
  subjectTypes: inventory('subject-types', 'subjectTypes', 'subjecttype.json', ref({ source: oneOf(['folio', 'local']) }, ['name'], false)),
  authoritySourceFiles: {
    path: 'authority-source-files', key: 'authoritySourceFiles', notFound: 'Not found', schema: 'mod-entities-links authority-source-file.yaml',
    shape: open(withId({ name: str, codes: strings, type: str, baseUrl: str, source: oneOf(['folio', 'local']), selectable: bool, hridManagement: open({ startNumber: int }), _version: int }), ['name']),
    unique: ['name'],
  },
  organizations: {
    path: 'organizations-storage/organizations', key: 'organizations', notFound: 'Not found', schema: 'mod-organizations-storage ramls/acq-models/mod-orgs/schemas/organization.json',
    shape: open(withId({ name: str, code: str, description: str, status: oneOf(['Active', 'Inactive', 'Pending']), isVendor: bool, language: str, aliases: list(open({ value: str })), erpCode: str, exportToAccounting: bool }), ['name', 'code', 'status']),
    unique: ['code'],
  },
}
