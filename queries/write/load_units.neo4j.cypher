// Neo4j spelling: MERGE, as before issue 16.  Neo4j plans it as a seek on the uniqueness
// constraint (no scan), and it refuses a null key, which CREATE on Neo4j would store as a
// node without one (LadybugDB refuses a null primary key in CREATE by itself).
UNWIND $rows AS row
MERGE (u:Unit {name: row.name})
SET u.level = row.level, u.kind = row.kind, u.government = row.government,
    u.collective = row.collective, u.aliases = row.aliases
