// description: The embedded store's search stamp (graph/search_index.py: the index beside the store is fresh when it holds the same stamp); no row before the first write
// params: none
MATCH (s:SearchState {id: 'measures'})
RETURN s.stamp AS stamp
