// description: Store a new write token (only the SHA-256 of its secret)
// params: id:str, name:str, scope:str, hash:str, created_at:str
CREATE (t:Token {id: $id, name: $name, scope: $scope, hash: $hash, created_at: $created_at, revoked: false})
