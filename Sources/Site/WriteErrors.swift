import Foundation

/// Why a write failed, in words (Foundation's own text is English and often says only
/// "The operation could not be completed"): from the POSIX error under the error.
enum WriteError {
    static func reason(_ error: any Error) -> (zh: String, en: String) {
        let ns = error as NSError
        var code: Int32?
        if ns.domain == NSPOSIXErrorDomain { code = Int32(ns.code) }
        if code == nil, let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            code = Int32(under.code)
        }
        if code == nil, ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: code = EACCES
            case CocoaError.fileWriteOutOfSpace.rawValue: code = ENOSPC
            case CocoaError.fileWriteVolumeReadOnly.rawValue: code = EROFS
            case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: code = ENOENT
            case CocoaError.fileWriteFileExists.rawValue: code = EEXIST
            case CocoaError.fileWriteInvalidFileName.rawValue: code = ENAMETOOLONG
            default: break
            }
        }
        return reason(errno: code ?? 0, fallback: ns.localizedDescription)
    }

    static func reason(errno code: Int32, fallback: String? = nil) -> (zh: String, en: String) {
        let system = String(cString: strerror(code))
        switch code {
        case EACCES, EPERM: return ("没有写入权限（\(system)）", "no permission to write (\(system))")
        case ENOENT: return ("所在目录不存在（\(system)）", "its folder does not exist (\(system))")
        case ENOTDIR: return ("路径中有一段不是目录（\(system)）", "a part of the path is not a folder (\(system))")
        case EISDIR: return ("目标是一个目录（\(system)）", "the target is a folder (\(system))")
        case ENOSPC: return ("磁盘空间不足（\(system)）", "the disk is full (\(system))")
        case EDQUOT: return ("超出磁盘配额（\(system)）", "the disk quota is exceeded (\(system))")
        case EROFS: return ("文件系统是只读的（\(system)）", "the file system is read-only (\(system))")
        case ENAMETOOLONG: return ("文件名或路径过长（\(system)）", "the file name or path is too long (\(system))")
        case EEXIST: return ("已有同名文件（\(system)）", "a file of that name exists (\(system))")
        case EIO: return ("读写设备出错（\(system)）", "an input/output error (\(system))")
        case 0: return ("原因不明（\(fallback ?? "unknown")）", "reason unknown (\(fallback ?? "unknown"))")
        default: return ("系统错误：\(system)", "system error: \(system)")
        }
    }
}
