"""`fazhi serve` (the web workspace) and `fazhi user` (its accounts)."""
from __future__ import annotations

import getpass
import ipaddress
import os
from typing import Any, Callable

import typer
from rich.console import Console

from . import app
from .corpus import _DB_HELP, _db

user_app = typer.Typer(help="管理网页工作台的账户：添加、列出、改密码、改角色、停用、删除。", no_args_is_help=True)
app.add_typer(user_app, name="user")

_ROLE_HELP = "角色：admin（管理员）、reviewer（审查人，可上传和审查）、viewer（只读用户）"
_PASSWORD_ENV = "FAZHI_PASSWORD"


def _accounts(db: str | None):
    from ..web.accounts import Accounts
    from ..web.config import WebConfig

    return Accounts(WebConfig(db=_db(db)).accounts_path)


def _password(password: str | None) -> str:
    """The password from --password, else $FAZHI_PASSWORD, else asked twice on the terminal."""
    if password:
        return password
    if os.environ.get(_PASSWORD_ENV):
        return os.environ[_PASSWORD_ENV]
    first = getpass.getpass("密码（至少8个字符）：")
    if getpass.getpass("再输入一次：") != first:
        raise typer.BadParameter("两次输入的密码不一致")
    return first


def _fail(e: Exception) -> None:
    Console(stderr=True).print(f"[red]{e}[/red]")
    raise typer.Exit(2) from e


def _change(db: str | None, action: Callable[[Any], Any], done: str) -> None:
    """Apply one change to the accounts; an AccountError is a usage error, said in Chinese."""
    from ..web.accounts import AccountError

    try:
        action(_accounts(db))
    except AccountError as e:
        _fail(e)
    Console(stderr=True).print(done)


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="用户名"),
    role: str = typer.Option("reviewer", "--role", help=_ROLE_HELP),
    password: str | None = typer.Option(None, "--password", help=f"密码；不给时读环境变量 {_PASSWORD_ENV}，再不然在终端输入"),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """添加一个账户（第一个管理员就用它创建：fazhi user add 名字 --role admin）。"""
    from ..web.accounts import ROLE_ZH, AccountError

    try:
        u = _accounts(db).add(name, _password(password), role)
    except AccountError as e:
        _fail(e)
    Console(stderr=True).print(f"已添加用户“{u.name}”（{ROLE_ZH[u.role]}）")


@user_app.command("list")
def user_list(db: str | None = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """列出全部账户。"""
    from rich.table import Table

    t = Table("用户名", "角色", "状态", "最近登录", title="网页工作台账户")
    for u in _accounts(db).users():
        t.add_row(u["name"], u["role_zh"], "正常" if u["active"] else "已停用", u["last_login"] or "")
    Console().print(t)


@user_app.command("passwd")
def user_passwd(
    name: str = typer.Argument(..., help="用户名"),
    password: str | None = typer.Option(None, "--password", help=f"新密码；不给时读环境变量 {_PASSWORD_ENV}，再不然在终端输入"),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """重设密码（该用户已登录的会话随之失效）。"""
    secret = _password(password)
    _change(db, lambda a: a.set_password(name, secret), f"已重设“{name}”的密码")


@user_app.command("role")
def user_role(name: str = typer.Argument(..., help="用户名"), role: str = typer.Argument(..., help=_ROLE_HELP),
              db: str | None = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """更改角色。"""
    _change(db, lambda a: a.set_role(name, role), f"已将“{name}”的角色改为 {role}")


@user_app.command("disable")
def user_disable(name: str = typer.Argument(..., help="用户名"),
                 db: str | None = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """停用账户（保留记录，结束其会话）。"""
    _change(db, lambda a: a.set_active(name, False), f"已停用“{name}”")


@user_app.command("remove")
def user_remove(name: str = typer.Argument(..., help="用户名"),
                db: str | None = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """删除账户。"""
    _change(db, lambda a: a.remove(name), f"已删除“{name}”")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只允许本机访问，0.0.0.0 允许局域网访问"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="端口"),
    public: bool = typer.Option(False, "--public", help="允许不登录的访客只读浏览（不能上传、审查或管理）"),
    max_upload_mb: float = typer.Option(50, "--max-upload-mb", min=0.001, help="一次上传的大小上限（MB）"),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="允许按网址读取内网和本机地址（默认拒绝，防止借服务器访问内网）"),
    workers: int | None = typer.Option(None, "--workers", "-j", min=1, help="入库分析进程数；默认等于 CPU 核数"),
    forwarded_allow_ips: str | None = typer.Option(None, "--forwarded-allow-ips",
                                                      help="反向代理的地址（逗号分隔）：信任其 X-Forwarded-For/Proto 请求头"),
    readers: int = typer.Option(0, "--readers", min=0, max=64,
                                help="浏览进程数：多人同时使用时设为 CPU 核数，由这些进程并行处理浏览页面，另有一个写入进程"
                                     "处理审查结论、批注、上传和检索（需要与语料库同样大小的磁盘空间存放只读副本）；"
                                     "默认 0：一个进程处理全部请求"),
) -> None:
    """启动网页工作台：上传、审查、报送情况、检索、比较、导出，以及 /api 下的接口。"""
    import uvicorn

    from ..corpus import SchemaError
    from ..web.app import create_app
    from ..web.config import WebConfig

    err = Console(stderr=True)
    config = WebConfig(db=_db(db), public=public, max_upload_bytes=int(max_upload_mb * 1048576),
                       allow_private_urls=allow_private_urls, workers=workers)

    def announce(web) -> None:
        if not web.state.ws.accounts.has_admin():
            err.print(f"[yellow]尚未创建管理员账户。请另开一个终端运行：fazhi user add 用户名 --role admin --db {config.db}[/yellow]")
        if not _loopback(host):
            err.print("[yellow]注意：工作台对其他计算机开放。请在它前面配置 HTTPS 反向代理（见 docs/web.md），"
                      "不要让密码以明文在网络上传输。[/yellow]")
        shown = f"[{host}]" if ":" in host else host
        err.print(f"网页工作台：http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/　语料库：{config.db}"
                  + ("　（公众只读模式）" if public else "")
                  + (f"　{readers} 个浏览进程" if readers else "") + "　按 Ctrl+C 停止")

    if readers:
        from ..web.processes import serve_many

        try:
            serve_many(config, host, port, readers, forwarded_allow_ips, on_ready=announce)
        except (SchemaError, RuntimeError) as e:
            _fail(e)
        return
    try:
        web = create_app(config)
    except (SchemaError, RuntimeError) as e:
        _fail(e)
    announce(web)
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=forwarded_allow_ips is not None,
                forwarded_allow_ips=forwarded_allow_ips, server_header=False)
