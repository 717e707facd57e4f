// The GraphQL documents this module sends, written against the real Wiki.js 2.x schema
// (`server/graph/schemas/page.graphql`). The fake parses and validates each of them.
// Plain string literals only (no template substitutions): a bundler drops the unused ones.
//
// `getPage`/`getPageByPath` read every `Page` field but the heavy `render` and `toc`; page tags carry
// only `tag` and `title` in 2.x. Wiki.js 2.x answers create/update with its raw database row as
// `page` (no `locale`, `editor`, `scriptCss`, `scriptJs`), so only `page { id }` is read there.

export const TEST_CONNECTION =
  'query WikiTestConnection { pages { list(limit: 1) { id } } }'

export const GET_PAGE =
  'query WikiGetPage($id: Int!) { pages { single(id: $id) { id path hash title description isPrivate isPublished ' +
  'privateNS publishStartDate publishEndDate tags { tag title } content contentType createdAt updatedAt editor ' +
  'locale scriptCss scriptJs authorId authorName authorEmail creatorId creatorName creatorEmail } } }'

export const GET_PAGE_BY_PATH =
  'query WikiGetPageByPath($path: String!, $locale: String!) { pages { singleByPath(path: $path, locale: $locale) ' +
  '{ id path hash title description isPrivate isPublished privateNS publishStartDate publishEndDate tags { tag ' +
  'title } content contentType createdAt updatedAt editor locale scriptCss scriptJs authorId authorName ' +
  'authorEmail creatorId creatorName creatorEmail } } }'

export const LIST_PAGES =
  'query WikiListPages($limit: Int, $orderBy: PageOrderBy, $orderByDirection: PageOrderByDirection, $tags: ' +
  '[String!], $locale: String, $creatorId: Int, $authorId: Int) { pages { list(limit: $limit, orderBy: $orderBy, ' +
  'orderByDirection: $orderByDirection, tags: $tags, locale: $locale, creatorId: $creatorId, authorId: $authorId) ' +
  '{ id path locale title description contentType isPublished isPrivate privateNS createdAt updatedAt tags } } }'

export const SEARCH_PAGES =
  'query WikiSearchPages($query: String!, $path: String, $locale: String) { pages { search(query: $query, path: ' +
  '$path, locale: $locale) { results { id title description path locale } suggestions totalHits } } }'

export const CREATE_PAGE =
  'mutation WikiCreatePage($content: String!, $description: String!, $editor: String!, $isPublished: Boolean!, ' +
  '$isPrivate: Boolean!, $locale: String!, $path: String!, $publishEndDate: Date, $publishStartDate: Date, ' +
  '$scriptCss: String, $scriptJs: String, $tags: [String]!, $title: String!) { pages { create(content: $content, ' +
  'description: $description, editor: $editor, isPublished: $isPublished, isPrivate: $isPrivate, locale: $locale, ' +
  'path: $path, publishEndDate: $publishEndDate, publishStartDate: $publishStartDate, scriptCss: $scriptCss, ' +
  'scriptJs: $scriptJs, tags: $tags, title: $title) { responseResult { succeeded errorCode slug message } page { ' +
  'id } } } }'

export const UPDATE_PAGE =
  'mutation WikiUpdatePage($id: Int!, $content: String, $description: String, $editor: String, $isPrivate: ' +
  'Boolean, $isPublished: Boolean, $locale: String, $path: String, $publishEndDate: Date, $publishStartDate: ' +
  'Date, $scriptCss: String, $scriptJs: String, $tags: [String], $title: String) { pages { update(id: $id, ' +
  'content: $content, description: $description, editor: $editor, isPrivate: $isPrivate, isPublished: ' +
  '$isPublished, locale: $locale, path: $path, publishEndDate: $publishEndDate, publishStartDate: ' +
  '$publishStartDate, scriptCss: $scriptCss, scriptJs: $scriptJs, tags: $tags, title: $title) { responseResult { ' +
  'succeeded errorCode slug message } page { id } } } }'

export const DELETE_PAGE =
  'mutation WikiDeletePage($id: Int!) { pages { delete(id: $id) { responseResult { succeeded errorCode slug ' +
  'message } } } }'
