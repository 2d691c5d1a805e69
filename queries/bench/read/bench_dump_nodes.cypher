// description: Tests: ids of every node that is not a measure (a store snapshot, part 3)
// params: none
MATCH (n:Document) RETURN 'Document' AS label, n.id AS id
UNION ALL MATCH (n:Task) RETURN 'Task' AS label, n.id AS id
UNION ALL MATCH (n:Unit) RETURN 'Unit' AS label, n.name AS id
UNION ALL MATCH (n:Government) RETURN 'Government' AS label, n.name AS id
UNION ALL MATCH (n:Deadline) RETURN 'Deadline' AS label, n.id AS id
UNION ALL MATCH (n:Target) RETURN 'Target' AS label, n.id AS id
