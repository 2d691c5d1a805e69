// description: Delete read-model chunks no longer part of a unit's record (its answer shrank)
// params: keys:list
UNWIND $keys AS k
MATCH (x:UnitRecordChunk {key: k})
DELETE x
