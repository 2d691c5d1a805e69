// description: Naive baseline: upsert one Government per statement
// params: name:str, level:str=null, region:str=null
MERGE (g:Government {name: $name})
SET g.level = $level, g.region = $region
