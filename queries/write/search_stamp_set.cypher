// description: A new search stamp, written in the same transaction as a write that changes measure texts or titles (graph/search_index.py; the index writes the same stamp once it holds the change)
// params: stamp:str
MERGE (s:SearchState {id: 'measures'})
SET s.stamp = $stamp
