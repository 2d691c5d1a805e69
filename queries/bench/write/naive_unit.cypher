// description: Naive baseline: upsert one Unit per statement
// params: name:str, level:str=null, kind:str=null, government:str=null, collective:bool=false, aliases:list=[]
MERGE (u:Unit {name: $name})
SET u.level = $level, u.kind = $kind, u.government = $government,
    u.collective = $collective, u.aliases = $aliases
