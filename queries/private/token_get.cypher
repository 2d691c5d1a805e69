// description: One token by its public id, with its hash (private: never served by GET /queries)
// params: id:str
MATCH (t:Token {id: $id})
RETURN t.id AS id, t.name AS name, t.scope AS scope, t.hash AS hash, t.created_at AS created_at,
       t.revoked AS revoked, t.revoked_at AS revoked_at
