// description: Mark the read-model records of some units stale (appended by the stores to a progress write, for the units written on)
// params: units:list, token:str
// Cost: one keyed MERGE per unit.  Only `version` is set: the record's body stays until
// a reader rebuilds it, and a rebuild that began before this write keeps the older
// `built_version`, so it is never taken for fresh.
UNWIND $units AS u
MERGE (r:UnitRecord {name: u})
SET r.version = $token
