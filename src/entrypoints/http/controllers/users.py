from zoneinfo import ZoneInfo

from litestar import Controller, get, post
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency
from litestar.params import JSONBody

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.create_user import CreateUser, CreateUserCommand
from boxoffice.application.use_cases.get_current_user import GetCurrentUser
from boxoffice.application.use_cases.list_users import ListUsers, ListUsersQuery
from boxoffice.application.use_cases.log_in import LogIn, LogInCommand
from boxoffice.application.use_cases.register_user import RegisterUser
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageNumber, PageOut, PageSize, page_request
from boxoffice.entrypoints.http.rate_limit import LIMITED_AS_CREDENTIALS
from boxoffice.entrypoints.http.schemas.users import LoginIn, SignUpIn, TokenOut, UserIn, UserOut

NO_STORE = CacheControlHeader(no_store=True)


class PasswordController(Controller):
    """Local accounts: switched off with BOXOFFICE_LOCAL_ACCOUNTS=false."""

    path = "/auth"
    tags = ["auth"]

    @post("/register", summary="Sign up for a customer account", opt=LIMITED_AS_CREDENTIALS)
    async def register(
        self,
        data: JSONBody[SignUpIn],
        register_user: NamedDependency[RegisterUser],
        display_zone: NamedDependency[ZoneInfo],
    ) -> UserOut:
        return UserOut.from_user(await register_user.execute(data.to_new_user()), display_zone)

    @post(
        "/login",
        status_code=200,
        summary="Exchange username or e-mail and password for a token",
        opt=LIMITED_AS_CREDENTIALS,
        cache_control=NO_STORE,  # the answer carries a token
    )
    async def login(self, data: JSONBody[LoginIn], log_in: NamedDependency[LogIn]) -> TokenOut:
        token = await log_in.execute(LogInCommand(data.login, data.password))
        return TokenOut(access_token=token.token, expires_in=token.expires_in)


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @get("/me", summary="The signed-in user", security=BEARER)
    async def me(
        self,
        principal: NamedDependency[Principal],
        get_current_user: NamedDependency[GetCurrentUser],
        display_zone: NamedDependency[ZoneInfo],
    ) -> UserOut:
        return UserOut.from_user(await get_current_user.execute(principal), display_zone)


class UserController(Controller):
    path = "/users"
    tags = ["users"]
    security = BEARER

    @get("/", summary="All users (admin)")
    async def list_users(
        self,
        principal: NamedDependency[Principal],
        list_users: NamedDependency[ListUsers],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[UserOut]:
        found = await list_users.execute(ListUsersQuery(principal, page_request(page, size)))
        return PageOut.of(found.map(lambda u: UserOut.from_user(u, display_zone)))

    @post("/", summary="Create a user with any role (admin)")
    async def create_user(
        self,
        data: JSONBody[UserIn],
        principal: NamedDependency[Principal],
        create_user: NamedDependency[CreateUser],
        display_zone: NamedDependency[ZoneInfo],
    ) -> UserOut:
        user = await create_user.execute(CreateUserCommand(principal, data.to_new_user()))
        return UserOut.from_user(user, display_zone)
