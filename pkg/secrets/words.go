package secrets

import "strings"

// commonWords are words that make up identifiers, configuration names and
// prose; a value made mostly of them is a name or text, not a credential.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
about access account action active adapter add address admin after agent alert algorithm alias all allow
alpha amount analytics and android any api app application apply archive args array asset assert async
attribute audio auth author auto available back backend backup bad balance bank base basic batch bearer
before begin beta big bin binary bind bit blob block blue body bool boolean boot bot bound box branch break
broken browser bucket buffer bug build builder bundle business button buy byte bytes cache calendar call
callback can cancel card case cert certificate chain change channel char chart chat check child chunk class
clean clear cli click client clock close cloud cluster code collection color column command comment commit
common company compare complete component compute config configuration connect connection console const
constant consumer contact container content context control controller cookie copy core count counter
country create credential credentials cron crypto css current cursor custom customer daily dark dashboard
data database date day debug decode default delete delivery demo deploy deployment description destination
detail dev device dialog diff digest dir direct directory disable disk display doc docker document domain
done double down download draft driver drop dummy dump duration dynamic edge edit editor element email
empty enable encode encrypt encrypted end endpoint engine entity entry env environment equal error event
example exchange exec execute exist exit expire expired export expression external extra factory fail
failed fake false feature feed fetch field file filter final find first flag float flow folder font
foo for form format forward frame free from front full func function gateway general generate generic get
git github global google grant graph green group guard guest handle handler hash has have head header
health height hello help hidden high history hold home hook host hour html http https icon image import
index info init inner input insert instance int integer integration internal interval invalid invite
item job join json jwt keep key keys kind label language last layer layout lead left length level library
license limit line link list listen live load loader local lock log logger login logout long lookup low
mail main manager map mark master match max media member memory menu merge message meta method metric
middle min missing mock mode model module monitor month move multi name native network new next node
none note null number object off offset old one only open operation option order org origin other out
output owner package page panel param parent parse parser part partial pass passwd password patch path
pay payload payment pending permission phone pin pipe plan platform plugin point policy pool port post
prefix prev preview price primary print private process prod product production profile project
promise property protocol provider proxy public publish pull push query queue quick random range rate
raw read reader ready real record red redirect redis ref refresh region register registry release remote
remove render replace reply repo report request require reset resource response rest result retry return
review right role root route router row rule run runner runtime safe sample save scale scan schema scope
score script search second secret section secure security select send sender sequence serial server
service session set setting settings setup shared sheet shell short show sign signal signature signing
simple single site size skip slack slot small socket sort source space span spec split sql stage start
state static status step stop storage store stream string struct style sub submit success super support
switch sync system table tag target task team temp template tenant term test text theme thread time
timeout timer title today token tool top topic total trace track transaction transfer tree trigger true
type unique unit update upload url usage user username util valid validate value var variable vault
verify version view visible wait warn warning watch web webhook week width window word work worker
workflow write writer year zone`) {
		m[w] = true
	}
	return m
}()

// nextSegment returns the bounds of the first part of identifier v at or
// after i, or s == len(v) when none is left. Parts split at lower-to-upper
// changes (fooBar), before the last capital of an acronym followed by lower
// case (HTTPServer), and at digits and other characters.
func nextSegment(v string, i int) (s, e int) {
	for i < len(v) && !isUpper(v[i]) && !isLowerC(v[i]) {
		i++
	}
	if i == len(v) {
		return i, i
	}
	j := i + 1
	if isUpper(v[i]) {
		for j < len(v) && isUpper(v[j]) {
			j++
		}
		if j < len(v) && isLowerC(v[j]) && j-i > 1 {
			j-- // HTTPServer: HTTP | Server
		}
	}
	for j < len(v) && isLowerC(v[j]) {
		j++
	}
	return i, j
}

// wordLetters returns how many letters of identifier v lie in parts (see
// nextSegment) that are common words, and how many letters it has.
func wordLetters(v string) (inWords, letters int) {
	for s, e := nextSegment(v, 0); s < len(v); s, e = nextSegment(v, e) {
		seg := strings.ToLower(v[s:e])
		letters += e - s
		if len(seg) >= 3 && (commonWords[seg] || commonWords[strings.TrimSuffix(seg, "s")] || compoundWord(seg)) {
			inWords += e - s
		}
	}
	return inWords, letters
}

// compoundWord reports whether s is two common words run together
// (keyshare, passphrase).
func compoundWord(s string) bool {
	for k := 3; k+3 <= len(s); k++ {
		if commonWords[s[:k]] && commonWords[s[k:]] {
			return true
		}
	}
	return false
}
