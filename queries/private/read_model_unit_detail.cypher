// description: A unit's stored detail (GET /units/{name}: aliases, counterparts, branches, collectives) with its freshness stamps
// params: name:str, meta:str=graph
// example: name=区财政局
// Cost: two unique-key lookups and a small text (no head, no rows).
MATCH (g:ReadModelMeta {key: $meta})
MATCH (r:UnitRecord {name: $name})
RETURN g.generation AS generation, coalesce(r.version, '') AS version,
       r.built_generation AS built_generation, coalesce(r.built_version, '') AS built_version,
       r.detail AS detail
