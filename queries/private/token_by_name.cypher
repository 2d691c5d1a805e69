// description: Tokens by name (names are unique), without the hash
// params: name:str
MATCH (t:Token)
WHERE t.name = $name
RETURN t.id AS id, t.name AS name, t.scope AS scope, t.created_at AS created_at,
       t.revoked AS revoked, t.revoked_at AS revoked_at
