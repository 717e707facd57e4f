// Real Salesforce resources the fake does not serve: a clear 501 NOT_IMPLEMENTED_BY_FAKE naming
// what is missing, never a bare 404 that reads like a wrong URL.
import { sfError, type Route } from './http.js'

function refuse(what: string): () => Response {
  return () => sfError(501, 'NOT_IMPLEMENTED_BY_FAKE', `${what} is not implemented by isosdk's fake`)
}

/** Routes for the parts of the API the fake leaves out; they come first, so they win over catch-alls. */
export function unimplementedRoutes(): Route[] {
  return [
    { method: '*', pattern: /^\/tooling(?:\/.*)?$/, kind: 'data', handle: refuse('The Tooling API') },
    {
      method: '*',
      pattern: /^\/services\/async\/.*$/,
      kind: 'open',
      handle: refuse('Bulk API 1.0 (/services/async); Bulk API 2.0 (/services/data/vXX.X/jobs/ingest, /jobs/query)'),
    },
    { method: '*', pattern: /^\/services\/apexrest(?:\/.*)?$/, kind: 'open', handle: refuse('Apex REST') },
    { method: '*', pattern: /^\/services\/Soap\/(?:c|m|T|s|class)\/.*$/, kind: 'open', handle: refuse('This SOAP API (enterprise, metadata, tooling, Apex)') },
    { method: '*', pattern: /^\/composite\/?$/, kind: 'data', handle: refuse('The Composite resource (/composite)') },
    { method: '*', pattern: /^\/composite\/(?:batch|tree|graph)(?:\/.*)?$/, kind: 'data', handle: refuse('Composite batch, tree and graph') },
    { method: '*', pattern: /^\/sobjects\/\w+\/(?:updated|deleted|listviews|quickActions|describe\/.+)(?:\/.*)?$/, kind: 'data', handle: refuse('This sObject resource') },
    {
      method: '*',
      pattern: /^\/(?:recent|actions|analytics|appMenu|async-queries|chatter|connect|consent|eclair|jsonxform|knowledgeManagement|licensing|localizedvalue|parameterizedSearch|process|quickActions|scheduling|support|theme|ui-api|wave)(?:\/.*)?$/,
      kind: 'data',
      handle: refuse('This REST resource'),
    },
  ]
}
