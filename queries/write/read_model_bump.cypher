// description: Mark every read-model record stale: a new graph generation (appended by the stores to every write that changes the graph: loads, links, cycles, clears)
// params: token:str, meta:str=graph
// Cost: one keyed MERGE.  A random token, not a counter: a clear deletes this node, and a
// counter starting again could meet a record built before the clear.
MERGE (g:ReadModelMeta {key: $meta})
SET g.generation = $token
