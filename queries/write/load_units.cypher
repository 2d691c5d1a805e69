// description: Upsert Unit nodes (shared between documents, keyed by canonical name)
// params: rows:list
// A keyed upsert without MERGE: LadybugDB plans MERGE as a hash join over a scan of the
// whole table, so every batch paid for every unit ever stored (issue 16); an OPTIONAL
// MATCH on the primary key is a lookup.  The SET updates the stored rows (a SET on the
// null of a row that is not stored does nothing, on both engines), the CREATE adds the
// others: what MERGE + SET left, in one statement (a statement's rows are converted once).
// Neo4j keeps MERGE (load_units.neo4j.cypher: a seek there, and it refuses a null key).
UNWIND $rows AS row
OPTIONAL MATCH (u:Unit {name: row.name})
SET u.level = row.level, u.kind = row.kind, u.government = row.government,
    u.collective = row.collective, u.aliases = row.aliases
WITH row, u
WHERE u IS NULL
CREATE (:Unit {name: row.name, level: row.level, kind: row.kind, government: row.government,
               collective: row.collective, aliases: row.aliases})
