// description: The measures that directly implement one measure (one IMPLEMENTS hop down), by id
// params: id:str
// example: id=天津市人民政府-2022-05-06:2.1
// One hop from a unique-key lookup: the chain (queries/chain.py) walks the levels with
// it (see measure_implements).
MATCH (s:Measure {id: $id})<-[l:IMPLEMENTS]-(m:Measure)
RETURN m.id AS id, l.score AS score
ORDER BY id
