// description: Delete Deadline nodes no measure is due on any more
// params: none
MATCH (d:Deadline)
OPTIONAL MATCH (d)<-[r:DUE]-(:Measure)
WITH d, count(r) AS n
WHERE n = 0
DELETE d
