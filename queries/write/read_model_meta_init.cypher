// description: Create the read model's graph generation if no write has set one yet (a store loaded before the read model existed), with the generation the record being stored was built at
// params: generation:str, meta:str=graph
// Never changes an existing generation: a write that set one first wins, and the record
// stored with this one then reads as stale.
MERGE (g:ReadModelMeta {key: $meta})
ON CREATE SET g.generation = $generation
