// description: The read model's graph generation now (no row before the first write that set one)
// params: meta:str=graph
// Cost: one unique-key lookup.  Read after `read_model_record`: a generation never
// returns to an earlier value, so a record built at the generation read AFTER it saw no
// graph write since its build began (see queries/read_model.py).
MATCH (g:ReadModelMeta {key: $meta})
RETURN g.generation AS generation
