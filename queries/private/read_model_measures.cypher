// description: Stored per-measure records (a measure as a search page or a chain shows it: shaped and annotated) with the graph generation now and the one each was built at
// params: ids:list, meta:str=graph
// example: ids=津政发〔2022〕9号:1.1
// Cost: one unique-key lookup for the generation and one per id (OPTIONAL MATCH from the
// unwound key: on LadybugDB a plain MATCH there is a hash join with the whole table).
// No row at all when the graph has no generation yet (the reader then builds every record).
MATCH (g:ReadModelMeta {key: $meta})
UNWIND $ids AS i
OPTIONAL MATCH (r:MeasureRecord {id: i})
RETURN i AS id, g.generation AS generation, r.built_generation AS built_generation, r.body AS body
