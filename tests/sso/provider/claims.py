from oidc_provider.lib.claims import ScopeClaims


def subject(user):
    return user.username


def userinfo(claims, user):
    claims.update({"given_name": user.first_name, "family_name": user.last_name,
                   "name": f"{user.first_name} {user.last_name}".strip(),
                   "email": user.email, "email_verified": True,
                   "preferred_username": user.username})
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = ("Groups", "The user's groups in the city's directory.")

    def scope_groups(self):
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
