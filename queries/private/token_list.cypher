// description: Every token, oldest first, without the hash
// params: none
MATCH (t:Token)
RETURN t.id AS id, t.name AS name, t.scope AS scope, t.created_at AS created_at,
       t.revoked AS revoked, t.revoked_at AS revoked_at
ORDER BY created_at, id
