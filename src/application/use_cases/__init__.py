"""One module per use case, one class per module, and one way in:
`async def execute(self, command)`.

The command (or, for a read, the query) is a single frozen value that says everything the
caller asks, who asks included: a dataclass beside its use case (`BookTicketsCommand`,
`ListUsersQuery`), or an existing value when that alone is the request (an event's id, the
caller's `Principal`, a `NewUser`). A use case that needs no input (`SeedDemo`, `RelayOutbox`,
`CheckReadiness`) has `execute(self)`. Steps that several use cases share are not use cases:
they live in `application.services`."""
