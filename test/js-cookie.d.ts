/** The part of js-cookie 3 (Amplify's and identity-js's cookie library, installed with them) the tests use as an oracle. */
declare module 'js-cookie' {
  interface CookiesApi {
    get(name: string): string | undefined
    withConverter(converter: { read?(value: string, name: string): string }): CookiesApi
  }
  const Cookies: CookiesApi
  export default Cookies
}
