// description: The search stamp: a search index (the embedded store's beside it, graph/search_index.py; a Neo4j store's copy on an API host, graph/search_replica.py) is fresh when it holds the same stamp; no row before the first write
// params: none
MATCH (s:SearchState {id: 'measures'})
RETURN s.stamp AS stamp
