HEAD_SHA = "d896c8b2d7b466b458f9681bf43b4d645a421515"
parent_token_sha = "0dcffb5d5d379c11b6c433d5082ed1f88f07be2f"
