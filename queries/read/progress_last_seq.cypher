// description: The highest update number of each of these obligations (new updates are numbered after it)
// params: ids:list
// example: ids=xiqing-2022:4.1|区财政局
MATCH (p:Progress)
WHERE p.obligation_id IN $ids
RETURN p.obligation_id AS obligation_id, max(p.seq) AS seq
ORDER BY obligation_id
